package io.queuelens.wallboards.entity;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * One card of a board.
 *
 * @param title      shown on the card; empty = the queue names
 * @param queues     the queues the card adds up, sorted; empty = all queues of the tenant
 * @param figures    what the card shows, in order
 * @param color      the card's accent colour, {@code #rrggbb}
 * @param thresholds green/yellow/red limits of some of the figures
 */
public record WallboardCard(String title, List<String> queues, List<WallboardFigure> figures, String color,
                            Map<WallboardFigure, Threshold> thresholds) {

    /** Every card starts with these, the figures a supervisor looks at first. */
    public static final List<WallboardFigure> DEFAULT_FIGURES = List.of(WallboardFigure.WAITING,
            WallboardFigure.LONGEST_WAIT, WallboardFigure.AVAILABLE, WallboardFigure.ON_CALL, WallboardFigure.PAUSED,
            WallboardFigure.OFFERED, WallboardFigure.ANSWERED, WallboardFigure.ABANDONED,
            WallboardFigure.SERVICE_LEVEL, WallboardFigure.ASA);
    public static final String DEFAULT_COLOR = "#2563eb";

    public WallboardCard {
        title = title == null ? "" : title.strip();
        queues = List.copyOf(new TreeSet<>(queues == null ? List.of() : queues));
        figures = figures == null ? List.of() : List.copyOf(figures);
        thresholds = thresholds == null ? Map.of() : Map.copyOf(thresholds);
    }

    /**
     * The key of the card's queue set in the live JSON: the queue name for one queue, the sorted names
     * joined by commas for a group, {@code *} for all queues.
     */
    public String groupKey() {
        return groupKeyOf(queues);
    }

    public static String groupKeyOf(List<String> queues) {
        return queues.isEmpty() ? "*" : String.join(",", new TreeSet<>(queues));
    }

    /** A card for one queue (or all, when null) with the default figures and the waiting thresholds 3/6. */
    public static WallboardCard defaultFor(String queue) {
        return new WallboardCard("", queue == null ? List.of() : List.of(queue), DEFAULT_FIGURES, DEFAULT_COLOR,
                Map.of(WallboardFigure.WAITING, new Threshold(3, 6), WallboardFigure.SERVICE_LEVEL, new Threshold(80, 60)));
    }
}
