package io.queuelens.ops.boundary;

import io.queuelens.schema.control.MigrationState;
import io.queuelens.schema.control.SchemaMigrator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** UP when the Flyway migrations ran to the end at startup. */
@Readiness
@ApplicationScoped
public class SchemaReadiness implements HealthCheck {

    @Inject
    SchemaMigrator migrator;

    @Override
    public HealthCheckResponse call() {
        MigrationState state = migrator.state();
        var response = HealthCheckResponse.named("schema").status(state.done());
        if (state.version() != null) {
            response.withData("version", state.version());
        }
        if (state.error() != null) {
            response.withData("error", state.error());
        }
        return response.build();
    }
}
