package io.queuelens.exports.control;

import io.queuelens.exports.entity.Headline;
import io.queuelens.kpi.entity.AgentFigures;
import io.queuelens.kpi.entity.QueueFigures;
import io.queuelens.reports.entity.AgentReportRow;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The few figures that sum a report up, for the PDF's first lines, the XLSX cover sheet and a mail body. */
public final class Headlines {

    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final DateTimeFormatter SHORT = DateTimeFormatter.ofPattern("MM-dd HH:mm");

    private Headlines() {
    }

    /** Offered, answered, abandoned, service level, answer rate, abandon rate, ASA, AHT. */
    public static Headline ofSummary(String title, String period, QueueFigures f) {
        List<Headline.Figure> figs = new ArrayList<>();
        figs.add(count("offered", "Offered", f.offered()));
        figs.add(count("answered", "Answered", f.answered()));
        figs.add(count("abandoned", "Abandoned", f.abandoned()));
        figs.add(percent("serviceLevel", "Service level", f.serviceLevel()));
        figs.add(percent("abandonRate", "Abandon rate", f.abandonRate()));
        figs.add(duration("asa", "ASA", f.asa()));
        figs.add(duration("aht", "AHT", f.aht()));
        return new Headline(title, period, figs);
    }

    public static Headline ofAgents(String title, String period, int rows, AgentReportRow total) {
        AgentFigures f = total.figures();
        List<Headline.Figure> figs = new ArrayList<>();
        figs.add(count("rows", "Rows", rows));
        figs.add(count("answered", "Answered", f.answered()));
        figs.add(duration("loggedIn", "Logged in", f.loggedIn()));
        figs.add(duration("talk", "Talk", f.talk()));
        figs.add(percent("occupancy", "Occupancy", f.occupancy()));
        figs.add(percent("utilization", "Utilization", f.utilization()));
        return new Headline(title, period, figs);
    }

    public static Headline ofCount(String title, String period, String key, String label, long count) {
        return new Headline(title, period, List.of(count(key, label, count)));
    }

    /** "2026-11-01 00:00 – 2026-12-01 00:00 (Europe/Berlin)": from inclusive, to exclusive, local. */
    public static String period(Instant from, Instant to, ZoneId zone) {
        return MINUTES.format(from.atZone(zone)) + " – " + MINUTES.format(to.atZone(zone)) + " (" + zone.getId() + ")";
    }

    public static String shortTime(Instant t, ZoneId zone) {
        return SHORT.format(t.atZone(zone));
    }

    static Headline.Figure count(String key, String label, long n) {
        return new Headline.Figure(key, label, n, Long.toString(n));
    }

    static Headline.Figure percent(String key, String label, Double v) {
        return new Headline.Figure(key, label, v, v == null ? "—" : String.format(Locale.ROOT, "%.1f %%", v));
    }

    static Headline.Figure duration(String key, String label, Double seconds) {
        return new Headline.Figure(key, label, seconds, seconds == null ? "—" : Cells.duration(seconds));
    }
}
