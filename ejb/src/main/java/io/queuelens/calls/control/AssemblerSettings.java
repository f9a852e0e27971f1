package io.queuelens.calls.control;

import java.time.Duration;
import java.util.Objects;

/**
 * How long the assembler waits for things that may or may not come, in log time (event times, not
 * the wall clock).
 *
 * @param exitHold   an exited visit (timeout, key, empty, withdraw) is held back this long for the same
 *                   call to enter another queue, so the common overflow emits it once, with nextQueue.
 *                   Zero emits at once (an overflow then re-emits it).
 * @param callMemory how long a call is remembered after its last event: a later ENTERQUEUE of the same
 *                   callid numbers its visit on (visitSeq + 1) and updates the previous visit's nextQueue
 */
public record AssemblerSettings(Duration exitHold, Duration callMemory) {

    public static final AssemblerSettings DEFAULTS = new AssemblerSettings(Duration.ofMinutes(2), Duration.ofHours(2));

    public AssemblerSettings {
        Objects.requireNonNull(exitHold, "exitHold");
        Objects.requireNonNull(callMemory, "callMemory");
        if (exitHold.isNegative() || callMemory.isNegative() || callMemory.compareTo(exitHold) < 0) {
            throw new IllegalArgumentException("need 0 <= exitHold <= callMemory: " + exitHold + ", " + callMemory);
        }
    }
}
