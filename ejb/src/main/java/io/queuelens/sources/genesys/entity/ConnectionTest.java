package io.queuelens.sources.genesys.entity;

import java.util.List;

/**
 * What a "test connection" found: each step tried in order, up to the first that failed.
 *
 * @param ok true when every step passed
 */
public record ConnectionTest(boolean ok, List<Step> steps) implements java.io.Serializable {

    /**
     * @param step    {@code token}, {@code queues} or {@code analytics}
     * @param failure null when it passed, else DNS, CONNECTION, TIMEOUT, AUTH, PERMISSION, RATE_LIMIT, SERVER or REQUEST
     * @param status  the HTTP status, 0 when there was no answer
     * @param message what happened, and what to fix
     */
    public record Step(String step, boolean ok, String failure, int status, String message) implements java.io.Serializable {
    }

    public ConnectionTest {
        steps = List.copyOf(steps);
    }
}
