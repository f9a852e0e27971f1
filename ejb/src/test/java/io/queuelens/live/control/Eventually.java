package io.queuelens.live.control;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for something other threads bring about, failing the test when it does not come in time. */
final class Eventually {

    private Eventually() {
    }

    static void until(Duration atMost, String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + atMost.toMillis() + " ms: " + what);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for: " + what);
            }
        }
    }
}
