package io.queuelens.subscriptions.entity;

import jakarta.ejb.ApplicationException;

/**
 * A subscription run (or a change) refused because of its owner's access now: the owner is disabled, or
 * no longer sees the tenant, the report or a queue of it. The run fails with this message and sends no mail.
 */
@ApplicationException
public class SubscriptionRefused extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SubscriptionRefused(String message) {
        super(message);
    }
}
