package io.queuelens.wallboards.control;

import io.queuelens.wallboards.entity.Threshold;
import io.queuelens.wallboards.entity.Wallboard;
import io.queuelens.wallboards.entity.WallboardCard;
import io.queuelens.wallboards.entity.WallboardFigure;
import io.queuelens.wallboards.entity.WallboardProblem;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** What a board must satisfy before it is stored; every problem names its field. */
public final class WallboardRules {

    private static final Pattern COLOR = Pattern.compile("#[0-9a-fA-F]{6}");
    /** Queue names as Asterisk allows them in queues.conf section names, without the separators we use. */
    private static final Pattern QUEUE = Pattern.compile("[^,*\\s][^,*]{0,127}");

    private WallboardRules() {
    }

    public static List<WallboardProblem> problems(Wallboard b) {
        List<WallboardProblem> problems = new ArrayList<>();
        if (b.name() == null || b.name().isBlank()) {
            problems.add(WallboardProblem.of("name", "nameRequired", "name must not be empty"));
        } else if (b.name().strip().length() > 100) {
            problems.add(WallboardProblem.of("name", "nameTooLong", "name must be at most 100 characters", 100));
        }
        if (b.intervalSeconds() < Wallboard.MIN_INTERVAL || b.intervalSeconds() > Wallboard.MAX_INTERVAL) {
            problems.add(WallboardProblem.of("interval", "interval", "interval must be between "
                    + Wallboard.MIN_INTERVAL + " and " + Wallboard.MAX_INTERVAL + " seconds, was " + b.intervalSeconds(),
                    Wallboard.MIN_INTERVAL, Wallboard.MAX_INTERVAL));
        }
        if (b.cards().isEmpty()) {
            problems.add(WallboardProblem.of("cards", "noCards", "a board has at least one card"));
        } else if (b.cards().size() > Wallboard.MAX_CARDS) {
            problems.add(WallboardProblem.of("cards", "tooManyCards", "a board has at most " + Wallboard.MAX_CARDS
                    + " cards", Wallboard.MAX_CARDS));
        }
        for (int i = 0; i < b.cards().size(); i++) {
            card("card" + i + ".", b.cards().get(i), problems);
        }
        return problems;
    }

    private static void card(String field, WallboardCard c, List<WallboardProblem> problems) {
        if (c.title().length() > 80) {
            problems.add(WallboardProblem.of(field + "title", "titleTooLong", "title must be at most 80 characters", 80));
        }
        for (String q : c.queues()) {
            if (!QUEUE.matcher(q).matches()) {
                problems.add(WallboardProblem.of(field + "queues", "queueName", "not a queue name: " + q, q));
            }
        }
        if (c.figures().isEmpty()) {
            problems.add(WallboardProblem.of(field + "figures", "noFigures", "a card shows at least one figure"));
        }
        if (c.color() == null || !COLOR.matcher(c.color()).matches()) {
            problems.add(WallboardProblem.of(field + "color", "color", "colour must be #rrggbb, was " + c.color(),
                    String.valueOf(c.color())));
        }
        for (Map.Entry<WallboardFigure, Threshold> t : c.thresholds().entrySet()) {
            WallboardFigure f = t.getKey();
            Threshold limits = t.getValue();
            if (!Double.isFinite(limits.yellow()) || !Double.isFinite(limits.red()) || limits.yellow() < 0 || limits.red() < 0
                    || f.unit() == WallboardFigure.Unit.PERCENT && (limits.yellow() > 100 || limits.red() > 100)) {
                problems.add(WallboardProblem.of(field + "thresholds", "thresholdRange",
                        f.key() + " thresholds must be numbers from 0" + (f.unit() == WallboardFigure.Unit.PERCENT ? " to 100" : ""),
                        f.key()));
            } else if (!limits.orderedFor(f)) {
                problems.add(WallboardProblem.of(field + "thresholds", f.highIsBad() ? "thresholdOrderUp" : "thresholdOrderDown",
                        f.key() + (f.highIsBad() ? ": yellow must not be above red" : ": yellow must not be below red"),
                        f.key()));
            }
        }
    }
}
