package io.queuelens.sources.genesys.control;

import io.queuelens.ops.boundary.ApiCallStatistics;
import io.queuelens.ops.entity.ApiCalls;
import io.queuelens.sources.boundary.Source;
import io.queuelens.sources.boundary.SourceKind;
import io.queuelens.sources.boundary.SourceStatus;
import io.queuelens.sources.genesys.entity.GenesysApiStats;

import java.time.Instant;
import java.util.Objects;

/**
 * A Genesys org as the operations page and {@code /metrics} see it: the live channel's state, plus the
 * org's API calls (ops' {@link ApiCallStatistics}), which go through the one client of the org
 * whichever half (live, history, test) made them.
 */
public final class GenesysOrgSource implements Source, ApiCallStatistics {

    private final Source channel;
    private final GenesysApi api;

    public GenesysOrgSource(Source channel, GenesysApi api) {
        this.channel = Objects.requireNonNull(channel, "channel");
        this.api = Objects.requireNonNull(api, "api");
    }

    @Override
    public String tenantId() {
        return channel.tenantId();
    }

    @Override
    public String name() {
        return channel.name();
    }

    @Override
    public SourceKind kind() {
        return channel.kind();
    }

    @Override
    public SourceStatus status() {
        return channel.status();
    }

    @Override
    public ApiCalls apiCalls() {
        return of(api.stats());
    }

    /** The mean is over the recent calls the client keeps (its bounded log), the counts since start. */
    static ApiCalls of(GenesysApiStats s) {
        long average = Math.round(s.recent().stream().mapToLong(GenesysApiStats.Call::millis).average().orElse(0));
        Instant last = s.recent().isEmpty() ? null : s.recent().get(s.recent().size() - 1).at();
        return new ApiCalls(s.calls(), s.errors(), s.rateLimited(), average, last);
    }
}
