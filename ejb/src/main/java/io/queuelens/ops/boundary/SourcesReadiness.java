package io.queuelens.ops.boundary;

import io.queuelens.sources.boundary.Source;
import io.queuelens.sources.boundary.SourceStatus;
import io.queuelens.sources.boundary.Sources;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * UP when every enabled source delivers data (a source switched off reports STOPPED and is left out). Each source appears as one data entry
 * {@code tenant/name -> STATE: detail}, so a DOWN says which one and why.
 */
@Readiness
@ApplicationScoped
public class SourcesReadiness implements HealthCheck {

    @Inject
    Sources sources;

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("sources");
        boolean allReady = true;
        int count = 0;
        for (Source source : sources.all()) {
            SourceStatus status = source.status();
            // STOPPED means switched off by configuration: it is reported but does not hold readiness down.
            allReady &= status.ready() || status.state() == SourceStatus.State.STOPPED;
            count++;
            response.withData(source.tenantId() + "/" + source.name(), status.state() + ": " + status.detail());
        }
        return response.withData("count", count).status(allReady).build();
    }
}
