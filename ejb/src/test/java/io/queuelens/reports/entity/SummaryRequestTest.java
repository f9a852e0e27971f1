package io.queuelens.reports.entity;

import io.queuelens.rollups.entity.PeriodUnit;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class SummaryRequestTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final Instant NOV20 = Instant.parse("2026-11-19T23:00:00Z"); // 2026-11-20T00:00+01:00
    private static final Instant NOV21 = Instant.parse("2026-11-20T23:00:00Z");

    private static SummaryRequest request(Instant from, Instant to, GroupBy groupBy, PeriodUnit interval) {
        return new SummaryRequest("acme", from, to, BERLIN, List.of(), groupBy, interval);
    }

    private static InvalidReportRequest rejected(Instant from, Instant to, GroupBy groupBy, PeriodUnit interval) {
        return catchThrowableOfType(() -> request(from, to, groupBy, interval), InvalidReportRequest.class);
    }

    @Test
    void aValidRequestKeepsItsValuesAndDropsDuplicateQueues() {
        SummaryRequest r = new SummaryRequest("acme", NOV20, NOV21, BERLIN, List.of("sales", "support", "sales"),
                GroupBy.QUEUE, null);
        assertThat(r.queues()).containsExactly("sales", "support");
        assertThat(r.rowPeriod()).isNull();
        assertThat(request(NOV20, NOV21, GroupBy.INTERVAL, PeriodUnit.PT1H).rowPeriod()).isEqualTo(PeriodUnit.PT1H);
        assertThat(new SummaryRequest("acme", NOV20, NOV21, BERLIN, null, GroupBy.QUEUE, null).allQueues()).isTrue();
    }

    @Test
    void fromNotBeforeToIsRejectedOnTo() {
        InvalidReportRequest e = rejected(NOV21, NOV20, GroupBy.QUEUE, null);
        assertThat(e.parameter()).isEqualTo("to");
        assertThat(e.firstMessage()).isEqualTo("to must be after from (to is exclusive); from is "
                + "2026-11-21T00:00+01:00, to is 2026-11-20T00:00+01:00");
        assertThat(rejected(NOV20, NOV20, GroupBy.QUEUE, null).parameter()).isEqualTo("to");
    }

    @Test
    void atMost400LocalDays() {
        Instant limit = NOV20.atZone(BERLIN).plusDays(400).toInstant();
        assertThat(request(NOV20, limit, GroupBy.QUEUE, null).to()).isEqualTo(limit);
        InvalidReportRequest e = rejected(NOV20, limit.plusSeconds(900), GroupBy.QUEUE, null);
        assertThat(e.parameter()).isEqualTo("to");
        assertThat(e.firstMessage()).startsWith("a report covers at most 400 days")
                .endsWith("the latest allowed to is 2027-12-25T00:00+01:00");
    }

    @Test
    void boundsOffTheQuarterHourAreRejectedWithTheValueToUse() {
        InvalidReportRequest e = rejected(NOV20.plusSeconds(7 * 60), NOV21.plusSeconds(60), GroupBy.QUEUE, null);
        assertThat(e.problems()).extracting(InvalidReportRequest.Problem::parameter).containsExactly("from", "to");
        assertThat(e.problems().get(0).message()).isEqualTo("from must be on a quarter hour (data is kept in 15-minute "
                + "intervals); was 2026-11-20T00:07+01:00 in Europe/Berlin, use 2026-11-20T00:00+01:00 (includes the "
                + "whole first period)");
        assertThat(e.problems().get(1).message()).contains("use 2026-11-21T00:15+01:00");
    }

    @Test
    void withRowsPerDayTheBoundsMustBeLocalMidnights() {
        Instant tenOClock = NOV20.plusSeconds(10 * 3600);
        assertThat(request(tenOClock, NOV21, GroupBy.QUEUE, null).from()).as("per queue a quarter hour is enough")
                .isEqualTo(tenOClock);

        InvalidReportRequest e = rejected(tenOClock, NOV21.plusSeconds(3600), GroupBy.INTERVAL, PeriodUnit.P1D);
        assertThat(e.problems()).extracting(InvalidReportRequest.Problem::parameter).containsExactly("from", "to");
        assertThat(e.problems().get(0).message()).isEqualTo("from must be the start of a P1D period in Europe/Berlin "
                + "(local midnight) so that the first row covers a whole period; was 2026-11-20T10:00+01:00, use "
                + "2026-11-20T00:00+01:00 (includes the whole first period)");
        assertThat(e.problems().get(1).message()).startsWith("to must be the end of a P1D period")
                .contains("use 2026-11-22T00:00+01:00");
        // midnight UTC is not midnight in Berlin
        assertThat(rejected(Instant.parse("2026-11-20T00:00:00Z"), Instant.parse("2026-11-21T00:00:00Z"),
                GroupBy.INTERVAL, PeriodUnit.P1D).parameter()).isEqualTo("from");
    }

    @Test
    void weeksStartOnMondayAndMonthsOnTheFirst() {
        Instant monday = Instant.parse("2026-11-15T23:00:00Z"); // Monday 2026-11-16 00:00+01:00
        assertThat(request(monday, monday.plusSeconds(7 * 86400), GroupBy.INTERVAL, PeriodUnit.P1W)).isNotNull();
        assertThat(rejected(NOV20, monday.plusSeconds(7 * 86400), GroupBy.INTERVAL, PeriodUnit.P1W).firstMessage())
                .contains("(Monday 00:00 local)").contains("use 2026-11-16T00:00+01:00");

        Instant oct1 = Instant.parse("2026-09-30T22:00:00Z"); // 2026-10-01 00:00+02:00
        Instant dec1 = Instant.parse("2026-11-30T23:00:00Z"); // 2026-12-01 00:00+01:00, across the DST change
        assertThat(request(oct1, dec1, GroupBy.INTERVAL, PeriodUnit.P1M).interval()).isEqualTo(PeriodUnit.P1M);
        InvalidReportRequest e = rejected(oct1, NOV21, GroupBy.INTERVAL, PeriodUnit.P1M);
        assertThat(e.parameter()).isEqualTo("to");
        assertThat(e.firstMessage()).contains("use 2026-12-01T00:00+01:00");
    }

    @Test
    void hourGridFollowsTheZonesOffset() {
        ZoneId kolkata = ZoneId.of("Asia/Kolkata");
        Instant localMidnight = Instant.parse("2026-11-19T18:30:00Z");
        SummaryRequest ok = new SummaryRequest("acme", localMidnight, localMidnight.plusSeconds(86400), kolkata,
                List.of(), GroupBy.INTERVAL, PeriodUnit.PT1H);
        assertThat(ok.zone()).isEqualTo(kolkata);
        assertThatThrownBy(() -> new SummaryRequest("acme", Instant.parse("2026-11-19T18:00:00Z"), localMidnight.plusSeconds(86400),
                kolkata, List.of(), GroupBy.INTERVAL, PeriodUnit.PT1H))
                .isInstanceOfSatisfying(InvalidReportRequest.class, e -> {
                    assertThat(e.parameter()).isEqualTo("from");
                    assertThat(e.firstMessage()).contains("was 2026-11-19T23:30+05:30, use 2026-11-19T23:00+05:30");
                });
    }

    @Test
    void aZoneWithOffsetsOffTheQuarterHourIsRejectedOnTz() {
        // Liberia used -00:44:30 until 1972
        InvalidReportRequest e = catchThrowableOfType(() -> new SummaryRequest("acme", Instant.parse("1970-01-01T00:00:00Z"),
                Instant.parse("1970-01-02T00:00:00Z"), ZoneId.of("Africa/Monrovia"), List.of(), GroupBy.QUEUE, null),
                InvalidReportRequest.class);
        assertThat(e.parameter()).isEqualTo("tz");
        assertThat(e.firstMessage()).contains("-00:44:30");
    }

    @Test
    void everyMissingParameterIsReportedAtOnceInApiOrder() {
        InvalidReportRequest e = catchThrowableOfType(() -> new SummaryRequest(" ", null, null, null, List.of(""), null, null),
                InvalidReportRequest.class);
        assertThat(e.problems()).extracting(InvalidReportRequest.Problem::parameter)
                .containsExactly("tenant", "tz", "from", "to", "queues", "groupBy");
        assertThat(e.getMessage()).startsWith("tenant: tenant is required; tz: tz is required");
    }

    @Test
    void intervalIsRequiredForRowsPerPeriod() {
        InvalidReportRequest e = rejected(NOV20, NOV21, GroupBy.INTERVAL, null);
        assertThat(e.parameter()).isEqualTo("interval");
        assertThat(e.firstMessage()).contains("PT15M, PT30M, PT1H, P1D, P1W or P1M");
    }

    @Test
    void tenantAndQueueNamesAreChecked() {
        assertThat(catchThrowableOfType(() -> new SummaryRequest("ACME corp", NOV20, NOV21, BERLIN, List.of(),
                GroupBy.QUEUE, null), InvalidReportRequest.class).firstMessage())
                .isEqualTo("tenant must be a tenant id (lower-case letters, digits and '-'), was 'ACME corp'");
        String longName = "q".repeat(129);
        assertThat(catchThrowableOfType(() -> new SummaryRequest("acme", NOV20, NOV21, BERLIN, List.of(longName),
                GroupBy.QUEUE, null), InvalidReportRequest.class).parameter()).isEqualTo("queues");
        List<String> many = new ArrayList<>();
        for (int i = 0; i <= SummaryRequest.MAX_QUEUES; i++) {
            many.add("q" + i);
        }
        assertThat(catchThrowableOfType(() -> new SummaryRequest("acme", NOV20, NOV21, BERLIN, many, GroupBy.QUEUE, null),
                InvalidReportRequest.class).firstMessage()).startsWith("at most 500 queues per report, was 501");
        assertThat(new SummaryRequest("acme", NOV20, NOV21, BERLIN, Collections.nCopies(600, "sales"), GroupBy.QUEUE,
                null).queues()).as("duplicates do not count").containsExactly("sales");
    }
}
