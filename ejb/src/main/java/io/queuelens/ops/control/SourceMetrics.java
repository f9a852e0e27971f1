package io.queuelens.ops.control;

import io.queuelens.sources.boundary.Source;
import io.queuelens.sources.boundary.Sources;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Publishes every source's readiness and counters as application metrics, tagged by tenant and
 * source: {@code queuelens_source_ready} (1/0) and {@code queuelens_source_counter{counter=...}}.
 * Gauges find the source by tenant and name when scraped and read its status then, so nothing is
 * copied or kept here, and a source that is made anew (an edited configuration) keeps its gauges.
 * Sources started after this bean (configured sources are started by their holders' first
 * reconcile, a little later) are registered by the check every 30 seconds.
 */
@Singleton
@Startup
@DependsOn("AsteriskSources")
public class SourceMetrics {

    @Inject
    Sources sources;

    @Inject
    MetricRegistry registry;

    private final Set<String> registered = ConcurrentHashMap.newKeySet();

    @PostConstruct
    void register() {
        registerNew();
    }

    @Schedule(hour = "*", minute = "*", second = "*/30", persistent = false)
    void registerNew() {
        Metadata ready = Metadata.builder().withName("queuelens_source_ready")
                .withDescription("1 when the source delivers data, else 0").build();
        Metadata counter = Metadata.builder().withName("queuelens_source_counter")
                .withDescription("A source's running counters (events, reconnects, rows written...)").build();
        for (Source source : sources.all()) {
            String tenantId = source.tenantId();
            String sourceName = source.name();
            Tag tenant = new Tag("tenant", tenantId);
            Tag name = new Tag("source", sourceName);
            if (registered.add(tenantId + "\n" + sourceName)) {
                registry.gauge(ready, sources, all -> find(all, tenantId, sourceName)
                        .map(s -> s.status().ready() ? 1 : 0).orElse(0), tenant, name);
            }
            for (String key : source.status().counters().keySet()) {
                if (registered.add(tenantId + "\n" + sourceName + "\n" + key)) {
                    registry.gauge(counter, sources, all -> find(all, tenantId, sourceName)
                            .map(s -> s.status().counters().getOrDefault(key, 0L)).orElse(0L), tenant, name,
                            new Tag("counter", key));
                }
            }
        }
    }

    private static Optional<Source> find(Sources all, String tenantId, String name) {
        return all.ofTenant(tenantId).stream().filter(s -> s.name().equals(name)).findFirst();
    }
}
