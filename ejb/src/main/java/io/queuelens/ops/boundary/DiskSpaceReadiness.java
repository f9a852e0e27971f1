package io.queuelens.ops.boundary;

import io.queuelens.ops.control.DataDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.io.IOException;
import java.nio.file.Files;

/**
 * DOWN when the data directory has less free space than {@code queuelens.ops.min-free-disk-mb}: exports,
 * the key file and (with H2) the database live there, and a full disk fails them in confusing ways.
 */
@Readiness
@ApplicationScoped
public class DiskSpaceReadiness implements HealthCheck {

    @Inject
    DataDirectory dataDirectory;

    @Inject
    @ConfigProperty(name = "queuelens.ops.min-free-disk-mb", defaultValue = "1024")
    long minFreeMb;

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("disk").withData("path", dataDirectory.root().toString())
                .withData("minFreeMb", minFreeMb);
        try {
            long freeMb = Files.getFileStore(dataDirectory.root()).getUsableSpace() >> 20;
            return response.withData("freeMb", freeMb).status(freeMb >= minFreeMb).build();
        } catch (IOException e) {
            return response.down().withData("error", String.valueOf(e.getMessage())).build();
        }
    }
}
