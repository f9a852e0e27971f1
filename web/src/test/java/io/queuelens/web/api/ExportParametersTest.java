package io.queuelens.web.api;

import io.queuelens.calls.entity.Outcome;
import io.queuelens.exports.entity.ExportFormat;
import io.queuelens.exports.entity.ExportRequest;
import io.queuelens.exports.entity.ReportName;
import io.queuelens.reports.entity.GroupBy;
import io.queuelens.reports.entity.InvalidReportRequest;
import io.queuelens.rollups.entity.PeriodUnit;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExportParametersTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    static Map<String, List<String>> q(String... kv) {
        Map<String, List<String>> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.computeIfAbsent(kv[i], k -> new java.util.ArrayList<>()).add(kv[i + 1]);
        }
        return m;
    }

    static InvalidReportRequest invalid(Runnable r) {
        try {
            r.run();
        } catch (InvalidReportRequest e) {
            return e;
        }
        throw new AssertionError("no InvalidReportRequest");
    }

    @Test
    void reportNamesAndFormatsAreParsedCaseInsensitivelyAndUnknownOnesNamed() {
        assertThat(ExportParameters.report("Summary")).isEqualTo(ReportName.SUMMARY);
        assertThat(ExportParameters.report("cdr")).isEqualTo(ReportName.CDR);
        assertThat(ExportParameters.format("XLSX")).isEqualTo(ExportFormat.XLSX);
        assertThat(ExportParameters.format(" parquet ")).isEqualTo(ExportFormat.PARQUET);
        assertThat(invalid(() -> ExportParameters.report("payroll")).parameter()).isEqualTo("name");
        assertThat(invalid(() -> ExportParameters.format("docx")).parameter()).isEqualTo("format");
        assertThat(invalid(() -> ExportParameters.format(null)).firstMessage()).contains("xlsx, csv, pdf, parquet");
    }

    @Test
    void bomIsABooleanOrMissing() {
        assertThat(ExportParameters.bom(null)).isFalse();
        assertThat(ExportParameters.bom("true")).isTrue();
        assertThat(ExportParameters.bom("0")).isFalse();
        assertThat(invalid(() -> ExportParameters.bom("maybe")).parameter()).isEqualTo("bom");
    }

    @Test
    void summaryTakesTheJsonEndpointsParametersAndLocalDates() {
        ExportRequest r = ExportParameters.parse(ReportName.SUMMARY,
                q("tenant", "demo", "from", "2026-11-01", "to", "2026-12-01", "queues", "sales,support"), BERLIN);
        assertThat(r.tenant()).isEqualTo("demo");
        assertThat(r.from()).isEqualTo(Instant.parse("2026-10-31T23:00:00Z"));
        assertThat(r.range().groupBy()).isEqualTo(GroupBy.QUEUE);
        assertThat(r.queues()).containsExactly("sales", "support");
    }

    @Test
    void intervalsAndQueuesArePerPeriodWithTheirPagesDefaultInterval() {
        Map<String, List<String>> q = q("tenant", "demo", "from", "2026-11-01", "to", "2026-11-08", "groupBy", "queue");
        assertThat(ExportParameters.parse(ReportName.INTERVALS, q, BERLIN).range().interval()).isEqualTo(PeriodUnit.PT1H);
        assertThat(ExportParameters.parse(ReportName.INTERVALS, q, BERLIN).range().groupBy()).isEqualTo(GroupBy.INTERVAL);
        assertThat(ExportParameters.parse(ReportName.QUEUES, q, BERLIN).range().interval()).isEqualTo(PeriodUnit.P1D);
    }

    @Test
    void badFiltersAreNamedAsTheJsonEndpointsNameThem() {
        assertThat(invalid(() -> ExportParameters.parse(ReportName.SUMMARY,
                q("tenant", "demo", "from", "yesterday", "to", "2026-12-01"), BERLIN)).parameter()).isEqualTo("from");
        assertThat(invalid(() -> ExportParameters.parse(ReportName.SUMMARY,
                q("tenant", "demo", "from", "2026-11-01", "to", "2026-12-01", "tz", "Mars/Base"), BERLIN)).parameter()).isEqualTo("tz");
        assertThat(invalid(() -> ExportParameters.parse(ReportName.CALLS,
                q("tenant", "demo", "from", "2026-11-01", "to", "2026-12-01", "outcome", "MAYBE"), BERLIN)).parameter()).isEqualTo("outcome");
        assertThat(invalid(() -> ExportParameters.parse(ReportName.AGENTS,
                q("tenant", "demo", "from", "2026-11-01", "to", "2026-12-01", "groupBy", "team"), BERLIN)).parameter()).isEqualTo("groupBy");
        assertThat(invalid(() -> ExportParameters.parse(ReportName.CDR,
                q("tenant", "demo", "from", "2026-11-01", "to", "2026-12-01", "disposition", "LOST"), BERLIN)).parameter()).isEqualTo("disposition");
        assertThat(invalid(() -> ExportParameters.parse(ReportName.ANSWERED,
                q("tenant", "demo", "from", "2026-11-01", "to", "2026-12-01", "buckets", "10,5"), BERLIN)).parameter()).isEqualTo("buckets");
    }

    @Test
    void callsIgnorePagingAndKeepTheirFilters() {
        ExportRequest r = ExportParameters.parse(ReportName.CALLS, q("tenant", "demo", "from", "2026-11-01", "to",
                "2026-11-02", "outcome", "ABANDONED", "agents", "SIP/100", "sort", "wait,asc", "page", "3"), BERLIN);
        assertThat(r.callList().outcomes()).containsExactly(Outcome.ABANDONED);
        assertThat(r.callList().agents()).containsExactly("SIP/100");
        assertThat(r.callList().descending()).isFalse();
    }

    @Test
    void theCdrSearchsOneQueueIsWhatTheAccessCheckSees() {
        Map<String, List<String>> q = q("tenant", "demo", "from", "2026-11-01", "to", "2026-11-02", "queue", "sales");
        assertThat(ExportParameters.requestedQueues(ReportName.CDR, q)).containsExactly("sales");
        assertThat(ExportParameters.parse(ReportName.CDR, q, BERLIN).cdrQuery().queue()).isEqualTo("sales");
        assertThat(ExportParameters.requestedQueues(ReportName.SUMMARY, q("queues", "a,b"))).containsExactly("a", "b");
        assertThatThrownBy(() -> ExportParameters.parse(ReportName.CDR, q("tenant", "demo", "from", "2026-11-01", "to",
                "2026-11-02", "sort", "nonsense"), BERLIN)).isInstanceOf(InvalidReportRequest.class);
    }
}
