package io.queuelens.sources.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import java.util.Comparator;
import java.util.List;

/** Every configured source of every tenant, for health checks, metrics and the overview pages. */
@ApplicationScoped
public class Sources {

    @Inject
    @Any
    Instance<Source> sources;

    @Inject
    @Any
    Instance<SourceProvider> providers;

    public List<Source> all() {
        return java.util.stream.Stream.concat(sources.stream(), providers.stream().flatMap(p -> p.sources().stream()))
                .sorted(Comparator.comparing(Source::tenantId).thenComparing(Source::name))
                .toList();
    }

    public List<Source> ofTenant(String tenantId) {
        return all().stream().filter(s -> s.tenantId().equals(tenantId)).toList();
    }
}
