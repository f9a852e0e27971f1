package io.queuelens.kpi.entity;

import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * How a figure is computed, for display next to it ("i" tooltip, export footnote, API).
 *
 * @param figure     the figure's name as in {@link QueueFigures} / {@link AgentFigures}
 * @param expression the arithmetic, e.g. {@code serviceLevel = 100 * answeredInSla / (offered - shortAbandoned)}
 * @param definition what the terms mean, in a manager's words
 * @param settings   names of the {@link KpiSettings} the figure depends on (may be empty)
 */
public record Formula(String figure, String expression, String definition, List<String> settings) {

    public Formula {
        settings = List.copyOf(settings);
    }

    /** The expression with the values of the settings used, e.g. {@code ... [slaSeconds=20, slaMode=OFFERED; settings t3]}. */
    public String render(KpiSettings s) {
        String used = settings.stream().map(name -> name + "=" + value(s, name)).collect(Collectors.joining(", "));
        return expression + " [" + (used.isEmpty() ? "" : used + "; ") + "settings " + s.version() + "]";
    }

    private static Object value(KpiSettings s, String name) {
        return switch (name) {
            case "slaSeconds" -> s.slaSeconds();
            case "shortAbandonSeconds" -> s.shortAbandonSeconds();
            case "slaMode" -> s.slaMode();
            case "shortCallSeconds" -> s.shortCallSeconds();
            case "repeatWindowHours" -> s.repeatWindowHours();
            case "billablePauseReasons" -> new TreeSet<>(s.billablePauseReasons());
            case "acwMatchSeconds" -> s.acwMatchSeconds();
            default -> throw new IllegalArgumentException("unknown setting " + name);
        };
    }
}
