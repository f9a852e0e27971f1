package io.queuelens.ingest.control;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The imports running in this server, by tenant, source and name. Two imports of one name would write
 * the same reader's checkpoint and the same quarantine positions from two streams at once; the second
 * one is refused instead, with a message saying to wait. (Across a cluster this becomes a lock in
 * the shared store, with the cluster issue.)
 */
public final class ImportsInProgress {

    private static final Set<String> RUNNING = ConcurrentHashMap.newKeySet();

    private ImportsInProgress() {
    }

    /**
     * Thrown when an import of the same tenant, source and name is still running. An application
     * exception, so the EJB container hands it to the REST resource as it is (a 409) instead of
     * wrapping it as a system failure.
     */
    @jakarta.ejb.ApplicationException
    public static final class AlreadyRunning extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        AlreadyRunning(String tenantId, String sourceId, String name) {
            super("an import of '" + name + "' into " + tenantId + "/" + sourceId
                    + " is still running; send the file again when it has finished");
        }
    }

    /** Held for the duration of one import; closing it lets the next import of that name start. */
    public interface Claim extends AutoCloseable {
        @Override
        void close();
    }

    /** @throws AlreadyRunning when the same tenant, source and name is being imported now */
    public static Claim claim(String tenantId, String sourceId, String name) {
        String key = tenantId + "\u0000" + sourceId + "\u0000" + name;
        if (!RUNNING.add(key)) {
            throw new AlreadyRunning(tenantId, sourceId, name);
        }
        return () -> RUNNING.remove(key);
    }
}
