package io.queuelens.web.admin;

import io.queuelens.sources.genesys.entity.GenesysApiStats;
import io.queuelens.sources.genesys.entity.GenesysApiStats.Call;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The API-call table of the Genesys page: the recent calls of each org grouped by endpoint. */
class GenesysBackingTest {

    static final Instant T = Instant.parse("2026-03-02T09:00:00Z");

    @Test
    void callsAreGroupedPerOrgAndEndpointWithStatusesAndDurations() {
        GenesysApiStats a = new GenesysApiStats("t1", "gc1", 6, 2, 1, 40, 900, List.of(
                new Call(T, "GET", "/api/v2/routing/queues", 200, 30),
                new Call(T, "GET", "/api/v2/routing/queues", 200, 50),
                new Call(T, "GET", "/api/v2/routing/queues", 429, 10),
                new Call(T, "POST", "/oauth/token", 200, 900),
                new Call(T, "POST", "/api/v2/analytics/conversations/details/query", 200, 40),
                new Call(T, "POST", "/api/v2/analytics/conversations/details/query", 0, 5000)));
        GenesysApiStats b = new GenesysApiStats("t1", "gc2", 1, 0, 0, 20, 20, List.of(
                new Call(T, "POST", "/oauth/token", 200, 20)));

        List<GenesysBacking.EndpointRow> rows = GenesysBacking.endpoints(List.of(a, b));

        assertThat(rows).containsExactly(
                new GenesysBacking.EndpointRow("gc1", "GET /api/v2/routing/queues", 3, "200 \u00d72, 429 \u00d71", 30, 50, true),
                new GenesysBacking.EndpointRow("gc1", "POST /api/v2/analytics/conversations/details/query", 2,
                        "- \u00d71, 200 \u00d71", 40, 5000, true),
                new GenesysBacking.EndpointRow("gc1", "POST /oauth/token", 1, "200 \u00d71", 900, 900, false),
                new GenesysBacking.EndpointRow("gc2", "POST /oauth/token", 1, "200 \u00d71", 20, 20, false));
    }

    @Test
    void anOrgWithoutRecentCallsHasNoRows() {
        assertThat(GenesysBacking.endpoints(List.of(new GenesysApiStats("t1", "gc1", 0, 0, 0, 0, 0, List.of())))).isEmpty();
    }
}
