package io.queuelens.jobs.entity;

import jakarta.ejb.ApplicationException;

/** A job operation refused because of the job's state (already restarted, not restartable, locked): HTTP 409. */
@ApplicationException(rollback = true)
public class JobConflict extends RuntimeException {
    public JobConflict(String message) {
        super(message);
    }
}
