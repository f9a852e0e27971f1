package io.queuelens.jobs.control;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Which of the members that launches are marked as running on may be counted as gone. A member counts
 * as gone once it has been missing from the live members for {@code graceMillis} in a row: a grid's
 * view of its members can lag a join by a moment, and a job must never be restarted under a member that
 * still runs it. With a grace of 0 (a server alone, whose other member ids are earlier boots of itself)
 * every missing member is gone at once. Not thread-safe: one recovery at a time uses it.
 */
public final class DepartedMembers {

    private final long graceMillis;
    private final Map<String, Long> missingSince = new HashMap<>();

    public DepartedMembers(long graceMillis) {
        this.graceMillis = graceMillis;
    }

    /**
     * @param missing the member ids that launches name and that are not live now
     * @param nowMillis a monotonic clock's reading (e.g. {@code System.nanoTime() / 1_000_000})
     * @return those of them missing for at least the grace
     */
    public Set<String> departed(Collection<String> missing, long nowMillis) {
        // one that is no longer missing (it came back, or its launches were settled) starts afresh next time
        missingSince.keySet().retainAll(missing);
        Set<String> gone = new HashSet<>();
        for (String member : missing) {
            long since = missingSince.computeIfAbsent(member, m -> nowMillis);
            if (nowMillis - since >= graceMillis) {
                gone.add(member);
            }
        }
        return gone;
    }
}
