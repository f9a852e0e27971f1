package io.queuelens.jobs.entity;

import jakarta.ejb.ApplicationException;

/** No launch of a visible tenant has that execution: HTTP 404. */
@ApplicationException(rollback = true)
public class UnknownJob extends RuntimeException {
    public UnknownJob(String message) {
        super(message);
    }
}
