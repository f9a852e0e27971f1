package io.queuelens.ops.control;

import io.queuelens.sources.boundary.Source;
import io.queuelens.sources.boundary.Sources;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Publishes every source's readiness and counters as application metrics, tagged by tenant and
 * source: {@code queuelens_source_ready} (1/0) and {@code queuelens_source_counter{counter=...}}.
 * Gauges read the source's status when scraped, so nothing is copied or kept here.
 */
@Singleton
@Startup
@DependsOn("AsteriskSources")
public class SourceMetrics {

    @Inject
    Sources sources;

    @Inject
    MetricRegistry registry;

    @PostConstruct
    void register() {
        Metadata ready = Metadata.builder().withName("queuelens_source_ready")
                .withDescription("1 when the source delivers data, else 0").build();
        Metadata counter = Metadata.builder().withName("queuelens_source_counter")
                .withDescription("A source's running counters (events, reconnects, rows written...)").build();
        for (Source source : sources.all()) {
            Tag tenant = new Tag("tenant", source.tenantId());
            Tag name = new Tag("source", source.name());
            registry.gauge(ready, source, s -> s.status().ready() ? 1 : 0, tenant, name);
            for (String key : source.status().counters().keySet()) {
                registry.gauge(counter, source, s -> s.status().counters().getOrDefault(key, 0L), tenant, name,
                        new Tag("counter", key));
            }
        }
    }
}
