package io.queuelens.exports.entity;

import java.io.Serializable;
import java.util.List;

/**
 * The few key figures of a report (offered, answered, service level, abandon rate, ...) as a mail
 * body or a PDF's first lines show them: label and value already formatted, plus the raw value.
 *
 * @param title   the report's title, e.g. "Summary"
 * @param period  the period in words, e.g. "2026-11-01 00:00 – 2026-12-01 00:00 (Europe/Berlin)"
 * @param figures in the order to show
 */
public record Headline(String title, String period, List<Figure> figures) implements Serializable {

    /** One figure; {@code value} is null when there is no data (shown as "—"). */
    public record Figure(String key, String label, Object value, String text) implements Serializable {
    }

    public Headline {
        figures = List.copyOf(figures);
    }
}
