package io.queuelens.web.api;

import io.queuelens.subscriptions.entity.SubscriptionRefused;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A subscription for a report or queues the caller (or its owner) may not see: 403 with the reason. */
@Provider
public class SubscriptionRefusedMapper implements ExceptionMapper<SubscriptionRefused> {

    @Override
    public jakarta.ws.rs.core.Response toResponse(SubscriptionRefused e) {
        return ApiAccess.forbidden(e.getMessage(), null);
    }
}
