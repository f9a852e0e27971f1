package io.queuelens.web.live;

import io.queuelens.wallboards.entity.Threshold;
import io.queuelens.wallboards.entity.WallboardCard;
import io.queuelens.wallboards.entity.WallboardFigure;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One card as the wallboard editor holds it. Thresholds are typed as text,
 * {@code waiting 3/6; serviceLevel 80/60} (figure, yellow, red), so a card can judge any of its
 * figures without a row of fields per figure.
 */
public class CardForm implements Serializable {

    private static final long serialVersionUID = 1L;

    private String title;
    private List<String> queues = new ArrayList<>();
    private List<String> figures = new ArrayList<>();
    private String color;
    private String thresholds;

    static CardForm of(WallboardCard c) {
        CardForm f = new CardForm();
        f.title = c.title();
        f.queues = new ArrayList<>(c.queues());
        f.figures = new ArrayList<>(c.figures().stream().map(WallboardFigure::key).toList());
        f.color = c.color();
        f.thresholds = c.thresholds().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey().key() + " " + plain(e.getValue().yellow()) + "/" + plain(e.getValue().red()))
                .collect(Collectors.joining("; "));
        return f;
    }

    /** The card, or empty with the text that could not be read in {@code bad} (the figure or entry). */
    Optional<WallboardCard> toCard(List<String> bad) {
        Map<WallboardFigure, Threshold> limits = new EnumMap<>(WallboardFigure.class);
        if (thresholds != null) {
            for (String entry : thresholds.split(";")) {
                if (entry.isBlank()) {
                    continue;
                }
                String[] parts = entry.strip().split("[\\s:/]+");
                Optional<WallboardFigure> figure = parts.length == 3 ? WallboardFigure.byKey(parts[0]) : Optional.empty();
                try {
                    if (figure.isEmpty()) {
                        bad.add(entry.strip());
                        continue;
                    }
                    limits.put(figure.get(), new Threshold(Double.parseDouble(parts[1]), Double.parseDouble(parts[2])));
                } catch (NumberFormatException e) {
                    bad.add(entry.strip());
                }
            }
        }
        List<WallboardFigure> chosen = figures.stream().map(WallboardFigure::byKey).flatMap(Optional::stream).toList();
        return bad.isEmpty() ? Optional.of(new WallboardCard(title, queues, chosen, color == null ? null
                : color.startsWith("#") ? color : "#" + color, limits)) : Optional.empty();
    }

    /** The thresholds as the board's script reads them: {"waiting":[3,6],...}; unreadable entries left out. */
    public String getThresholdsJson() {
        List<String> ignored = new ArrayList<>();
        StringBuilder json = new StringBuilder("{");
        toCard(ignored).ifPresent(c -> c.thresholds().forEach((f, t) -> json.append(json.length() > 1 ? "," : "")
                .append('"').append(f.key()).append("\":[").append(t.yellow()).append(',').append(t.red()).append(']')));
        return json.append('}').toString();
    }

    /** The colour for the page's style attribute: only a {@code #rrggbb} value ever gets there. */
    public String getCssColor() {
        return color != null && color.matches("#[0-9a-fA-F]{6}") ? color : WallboardCard.DEFAULT_COLOR;
    }

    /** The key of the card's queues in the live state (see {@code WallboardCard.groupKey}). */
    public String getGroupKey() {
        return WallboardCard.groupKeyOf(queues);
    }

    private static String plain(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%s", v);
    }

    public String getTitle() { return title; }
    public void setTitle(String v) { title = v; }
    public List<String> getQueues() { return queues; }
    public void setQueues(List<String> v) { queues = v == null ? new ArrayList<>() : new ArrayList<>(v); }
    public List<String> getFigures() { return figures; }
    public void setFigures(List<String> v) { figures = v == null ? new ArrayList<>() : new ArrayList<>(v); }
    public String getColor() { return color; }
    public void setColor(String v) { color = v; }
    public String getThresholds() { return thresholds; }
    public void setThresholds(String v) { thresholds = v; }
}
