package io.queuelens.exports.control;

import io.queuelens.cdrs.entity.CdrQuery;
import io.queuelens.exports.boundary.ReportExports;
import io.queuelens.exports.entity.ExportFormat;
import io.queuelens.exports.entity.ExportRefused;
import io.queuelens.exports.entity.ExportRequest;
import io.queuelens.exports.entity.ReportName;
import io.queuelens.identity.entity.Access;
import io.queuelens.identity.entity.Role;
import io.queuelens.reports.entity.GroupBy;
import io.queuelens.reports.entity.SummaryRequest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExportAccessTest {

    static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    static final Instant FROM = Instant.parse("2026-10-31T23:00:00Z");
    static final Instant TO = Instant.parse("2026-11-30T23:00:00Z");

    static ExportRequest summary(List<String> queues) {
        return ExportRequest.ofSummary(ReportName.SUMMARY, new SummaryRequest("demo", FROM, TO, ZONE, queues, GroupBy.QUEUE, null), List.of());
    }

    static Access user(Role role, Map<String, List<String>> grants) {
        return Access.of("u", EnumSet.of(role), grants, null);
    }

    @Test
    void aRestrictedReaderWithoutQueuesGetsExactlyTheirVisibleQueues() {
        ExportRequest r = ExportAccess.authorize(summary(List.of()), user(Role.REPORTS, Map.of("demo", List.of("support", "sales"))));
        assertThat(r.queues()).containsExactly("sales", "support");
    }

    @Test
    void requestedQueuesStayWhenVisible() {
        ExportRequest r = ExportAccess.authorize(summary(List.of("sales")), user(Role.MANAGER, Map.of("demo", List.of("support", "sales"))));
        assertThat(r.queues()).containsExactly("sales");
        assertThat(ExportAccess.authorize(summary(List.of()), Access.admin("root")).queues()).isEmpty();
    }

    @Test
    void anotherTenantAnInvisibleQueueAndAWallboardUserAreRefused() {
        assertThatThrownBy(() -> ExportAccess.authorize(summary(List.of()), user(Role.REPORTS, Map.of("other", List.of()))))
                .isInstanceOfSatisfying(ExportRefused.class, e -> assertThat(e.parameter()).isEqualTo("tenant"));
        assertThatThrownBy(() -> ExportAccess.authorize(summary(List.of("billing")), user(Role.REPORTS, Map.of("demo", List.of("sales")))))
                .isInstanceOfSatisfying(ExportRefused.class, e -> assertThat(e.parameter()).isEqualTo("queues"));
        assertThatThrownBy(() -> ExportAccess.authorize(summary(List.of()), user(Role.DASHBOARD, Map.of("demo", List.of()))))
                .isInstanceOf(ExportRefused.class);
        assertThatThrownBy(() -> ExportAccess.authorize(summary(List.of()), Access.NONE)).isInstanceOf(ExportRefused.class);
    }

    @Test
    void theCdrSearchOfARestrictedReaderIsLimitedToTheirQueues() {
        SummaryRequest range = new SummaryRequest("demo", FROM, TO, ZONE, List.of(), GroupBy.QUEUE, null);
        ExportRequest cdr = ExportRequest.ofCdr(range, new CdrQuery("demo", FROM, TO, null, null, null, null, null, null, false, 0, 1));
        ExportRequest r = ExportAccess.authorize(cdr, user(Role.REPORTS, Map.of("demo", List.of("sales"))));
        assertThat(r.cdrQuery().queueLimit()).containsExactly("sales");
    }

    @Test
    void fileNamesSayTenantReportAndLocalDays() {
        assertThat(ReportExports.fileName(summary(List.of()), ExportFormat.XLSX)).isEqualTo("demo-summary-2026-11-01_2026-11-30.xlsx");
        assertThat(ReportExports.fileName(summary(List.of()), ExportFormat.PARQUET)).endsWith(".parquet");
    }

    @Test
    void payoutsAreForManagersAndAdminsOnly() {
        ExportRequest payouts = ExportRequest.ofSummary(ReportName.PAYOUTS,
                new SummaryRequest("demo", FROM, TO, ZONE, List.of(), GroupBy.QUEUE, null), List.of());
        assertThatThrownBy(() -> ExportAccess.authorize(payouts, user(Role.REPORTS, Map.of("demo", List.of()))))
                .isInstanceOfSatisfying(ExportRefused.class, e -> assertThat(e.getMessage()).contains("payouts"));
        assertThat(ExportAccess.authorize(payouts, user(Role.MANAGER, Map.of("demo", List.of()))).report()).isEqualTo(ReportName.PAYOUTS);
        assertThat(ExportAccess.authorize(payouts, Access.admin("root")).report()).isEqualTo(ReportName.PAYOUTS);
    }
}
