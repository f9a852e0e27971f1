package io.queuelens.reports.entity;

import java.io.Serializable;

/**
 * One band of a wait-time distribution: visits that waited at least {@code fromSeconds} and less
 * than {@code toSeconds}.
 *
 * @param toSeconds exclusive upper edge; null for the last band (no upper edge)
 */
public record WaitBand(int fromSeconds, Integer toSeconds, long count) implements Serializable {

    /** "0–10 s", "300+ s": the same in every language, so it is built here. */
    public String label() {
        return toSeconds == null ? fromSeconds + "+ s" : fromSeconds + "–" + toSeconds + " s";
    }
}
