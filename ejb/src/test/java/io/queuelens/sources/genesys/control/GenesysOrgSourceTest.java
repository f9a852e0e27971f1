package io.queuelens.sources.genesys.control;

import io.queuelens.ops.entity.ApiCalls;
import io.queuelens.sources.genesys.entity.GenesysApiStats;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The org's API call figures as the operations component reads them. */
class GenesysOrgSourceTest {

    @Test
    void totalsSinceStartMeanOfTheRecentCallsAndTheLastCallsTime() {
        Instant t = Instant.parse("2026-12-04T19:00:00Z");
        GenesysApiStats stats = new GenesysApiStats("t", "org", 12, 3, 2, 40, 90, List.of(
                new GenesysApiStats.Call(t, "GET", "/api/v2/routing/queues", 200, 30),
                new GenesysApiStats.Call(t.plusSeconds(5), "POST", "/api/v2/analytics/conversations/details/query", 429, 61)));

        assertThat(GenesysOrgSource.of(stats)).isEqualTo(new ApiCalls(12, 3, 2, 46, t.plusSeconds(5)));
    }

    @Test
    void noCallsYet() {
        assertThat(GenesysOrgSource.of(new GenesysApiStats("t", "org", 0, 0, 0, 0, 0, List.of())))
                .isEqualTo(new ApiCalls(0, 0, 0, 0, null));
    }
}
