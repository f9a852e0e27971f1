package io.queuelens.web.api;

import io.queuelens.reports.entity.GroupBy;
import io.queuelens.reports.entity.InvalidReportRequest;
import io.queuelens.reports.entity.SummaryRequest;
import io.queuelens.rollups.entity.PeriodUnit;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class SummaryParametersTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private static SummaryParameters.Raw raw(String from, String to, String tz, String groupBy, String interval,
                                             String... queues) {
        return new SummaryParameters.Raw("acme", from, to, tz, queues.length == 0 ? null : Arrays.asList(queues),
                groupBy, interval);
    }

    private static InvalidReportRequest rejected(SummaryParameters.Raw raw) {
        return catchThrowableOfType(() -> SummaryParameters.parse(raw, BERLIN), InvalidReportRequest.class);
    }

    @Test
    void instantsOffsetsLocalDateTimesAndDatesAllNameTheSameMoment() {
        Instant berlinMidnight = Instant.parse("2026-11-19T23:00:00Z");
        for (String from : List.of("2026-11-19T23:00:00Z", "2026-11-19T23:00Z", "2026-11-20T00:00+01:00",
                "2026-11-20T00:00:00+01:00", "2026-11-19T18:00-05:00", "2026-11-20T00:00", "2026-11-20T00:00:00",
                "2026-11-20", " 2026-11-20 ", "2026-11-20T00:00 01:00")) {
            SummaryRequest r = SummaryParameters.parse(raw(from, "2026-11-21", null, null, null), BERLIN);
            assertThat(r.from()).as(from).isEqualTo(berlinMidnight);
        }
    }

    @Test
    void localValuesAreReadInTzWhenGivenElseInTheTenantsZone() {
        SummaryRequest tenantZone = SummaryParameters.parse(raw("2026-11-20", "2026-11-21", null, null, null), BERLIN);
        assertThat(tenantZone.zone()).isEqualTo(BERLIN);
        SummaryRequest newYork = SummaryParameters.parse(raw("2026-11-20", "2026-11-21", "America/New_York", null, null), BERLIN);
        assertThat(newYork.zone()).isEqualTo(ZoneId.of("America/New_York"));
        assertThat(newYork.from()).isEqualTo(Instant.parse("2026-11-20T05:00:00Z"));
        // an instant stays the same instant in any tz
        SummaryRequest utc = SummaryParameters.parse(raw("2026-11-20T05:00:00Z", "2026-11-21T05:00:00Z", "America/New_York", null, null), BERLIN);
        assertThat(utc.from()).isEqualTo(newYork.from());
    }

    @Test
    void defaultsAreRowsPerQueueAndAllQueues() {
        SummaryRequest r = SummaryParameters.parse(raw("2026-11-20", "2026-11-21", "", "", ""), BERLIN);
        assertThat(r.groupBy()).isEqualTo(GroupBy.QUEUE);
        assertThat(r.interval()).isNull();
        assertThat(r.queues()).isEmpty();
        assertThat(r.tenant()).isEqualTo("acme");
    }

    @Test
    void groupByAndIntervalAreCaseInsensitive() {
        SummaryRequest r = SummaryParameters.parse(raw("2026-11-20", "2026-11-21", null, "Interval", "pt1h"), BERLIN);
        assertThat(r.groupBy()).isEqualTo(GroupBy.INTERVAL);
        assertThat(r.interval()).isEqualTo(PeriodUnit.PT1H);
    }

    @Test
    void queuesMayBeCommaSeparatedOrRepeated() {
        SummaryRequest r = SummaryParameters.parse(raw("2026-11-20", "2026-11-21", null, null, null, "sales, support", "billing"), BERLIN);
        assertThat(r.queues()).containsExactly("sales", "support", "billing");
        InvalidReportRequest e = rejected(raw("2026-11-20", "2026-11-21", null, null, null, "sales,,support"));
        assertThat(e.parameter()).isEqualTo("queues");
        assertThat(e.firstMessage()).isEqualTo("queues must not contain an empty name");
    }

    @Test
    void unreadableValuesAreRejectedTogetherByParameter() {
        InvalidReportRequest e = rejected(new SummaryParameters.Raw("acme", "yesterday", "2026-13-01", "Mars/Olympus",
                List.of(), "agent", "PT2H"));
        assertThat(e.problems()).extracting(InvalidReportRequest.Problem::parameter).containsExactly("tz", "groupBy", "interval");
        assertThat(e.firstMessage()).isEqualTo("unknown time zone 'Mars/Olympus'; use an IANA zone id such as "
                + "Europe/Berlin or America/New_York");
        assertThat(e.problems().get(1).message()).isEqualTo("groupBy must be queue or interval, was 'agent'");
        assertThat(e.problems().get(2).message()).isEqualTo("interval must be one of PT15M, PT30M, PT1H, P1D, P1W, P1M, was 'PT2H'");

        InvalidReportRequest times = rejected(raw("yesterday", "2026-13-01", null, null, null));
        assertThat(times.problems()).extracting(InvalidReportRequest.Problem::parameter).containsExactly("from", "to");
        assertThat(times.firstMessage()).isEqualTo("from must be an instant (2026-11-20T00:00:00Z), a date-time with offset "
                + "(2026-11-20T00:00+01:00), or a local date-time or date in Europe/Berlin (2026-11-20T00:00, 2026-11-20); "
                + "was 'yesterday'");
    }

    @Test
    void localTimesThatDaylightSavingSkipsOrRepeatsAreRejectedWithTheChoices() {
        InvalidReportRequest skipped = rejected(raw("2026-03-29T02:30", "2026-03-30", null, null, null));
        assertThat(skipped.parameter()).isEqualTo("from");
        assertThat(skipped.firstMessage()).isEqualTo("from 2026-03-29T02:30 does not exist in Europe/Berlin: the clocks "
                + "skip it (daylight saving time starts)");

        InvalidReportRequest twice = rejected(raw("2026-10-24", "2026-10-25T02:00", null, null, null));
        assertThat(twice.parameter()).isEqualTo("to");
        assertThat(twice.firstMessage()).isEqualTo("to 2026-10-25T02:00 happens twice in Europe/Berlin (daylight saving "
                + "time ends); add the offset: 2026-10-25T02:00+02:00 or 2026-10-25T02:00+01:00");
        SummaryRequest chosen = SummaryParameters.parse(raw("2026-10-24", "2026-10-25T02:00+01:00", null, null, null), BERLIN);
        assertThat(chosen.to()).isEqualTo(Instant.parse("2026-10-25T01:00:00Z"));
    }

    @Test
    void readableValuesStillGoThroughTheRequestsRules() {
        InvalidReportRequest e = rejected(raw("2026-11-20T10:00", "2026-11-21", null, "interval", "P1D"));
        assertThat(e.parameter()).isEqualTo("from");
        assertThat(e.firstMessage()).startsWith("from must be the start of a P1D period in Europe/Berlin (local midnight)");
        assertThat(rejected(raw(null, "2026-11-21", null, null, null)).firstMessage()).isEqualTo("from is required");
    }

    @Test
    void theTenantIsCheckedBeforeItIsLookedUp() {
        assertThat(ReportsResource.requireTenantId(" acme ")).isEqualTo("acme");
        InvalidReportRequest missing = catchThrowableOfType(() -> ReportsResource.requireTenantId(null), InvalidReportRequest.class);
        assertThat(missing.parameter()).isEqualTo("tenant");
        assertThat(missing.firstMessage()).isEqualTo("tenant is required");
        assertThat(catchThrowableOfType(() -> ReportsResource.requireTenantId("../etc"), InvalidReportRequest.class)
                .firstMessage()).contains("was '../etc'");
    }
}
