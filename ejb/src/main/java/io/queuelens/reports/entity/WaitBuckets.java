package io.queuelens.reports.entity;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The band edges of a wait-time distribution, in seconds: {@code 0,10,20} means the bands
 * [0,10), [10,20) and [20,∞). The first edge is always 0 (prepended when missing), so every wait
 * falls into exactly one band and the bands add up to the visits counted.
 *
 * @param edges strictly ascending, first 0, at most {@link #MAX_EDGES}
 */
public record WaitBuckets(List<Integer> edges) implements Serializable {

    /** The request parameter the edges come from, in URLs and API errors. */
    public static final String PARAMETER = "buckets";
    public static final String DEFAULT = "0,10,20,30,60,120,300";
    public static final int MAX_EDGES = 30;
    /** A day: longer waits are not real queue waits, and the edge fits an INT column comparison. */
    public static final int MAX_EDGE = 86_400;

    public WaitBuckets {
        edges = List.copyOf(edges);
        if (edges.isEmpty() || edges.get(0) != 0) {
            throw new IllegalArgumentException("the first edge is 0: " + edges);
        }
        for (int i = 1; i < edges.size(); i++) {
            if (edges.get(i) <= edges.get(i - 1)) {
                throw new IllegalArgumentException("edges ascend strictly: " + edges);
            }
        }
    }

    /**
     * Reads comma-separated whole seconds; blank means {@link #DEFAULT}.
     *
     * @param parameter the name to blame in the error (the page's or API's parameter)
     * @throws InvalidReportRequest naming {@code parameter}, with what is wrong and an example
     */
    public static WaitBuckets parse(String raw, String parameter) {
        String text = raw == null || raw.isBlank() ? DEFAULT : raw.strip();
        List<Integer> edges = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            String p = part.strip();
            int value;
            try {
                value = Integer.parseInt(p);
            } catch (NumberFormatException e) {
                throw invalid(parameter, "'" + p + "' is not a whole number of seconds", raw);
            }
            if (value < 0 || value > MAX_EDGE) {
                throw invalid(parameter, value + " is outside 0.." + MAX_EDGE + " seconds", raw);
            }
            if (!edges.isEmpty() && value <= edges.get(edges.size() - 1)) {
                throw invalid(parameter, "edges must ascend, " + value + " follows " + edges.get(edges.size() - 1), raw);
            }
            edges.add(value);
        }
        if (edges.get(0) != 0) {
            edges.add(0, 0); // waits shorter than the first edge get their own band rather than vanishing
        }
        if (edges.size() > MAX_EDGES) {
            throw invalid(parameter, "at most " + MAX_EDGES + " edges", raw);
        }
        return new WaitBuckets(edges);
    }

    private static InvalidReportRequest invalid(String parameter, String what, String raw) {
        return new InvalidReportRequest(parameter, parameter + " must be ascending wait-time edges in seconds such as "
                + DEFAULT + ": " + what + " (was '" + raw + "')");
    }

    public int bandCount() {
        return edges.size();
    }

    /** Lower edge of band {@code i}, inclusive. */
    public int lower(int i) {
        return edges.get(i);
    }

    /** Upper edge of band {@code i}, exclusive; null for the last, open band. */
    public Integer upper(int i) {
        return i + 1 < edges.size() ? edges.get(i + 1) : null;
    }

    /** The URL form, e.g. {@code 0,10,20}. */
    @Override
    public String toString() {
        return String.join(",", edges.stream().map(String::valueOf).toList());
    }
}
