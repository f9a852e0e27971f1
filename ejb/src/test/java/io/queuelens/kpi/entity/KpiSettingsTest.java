package io.queuelens.kpi.entity;

import io.queuelens.kpi.control.KpiSettingsHistory;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class KpiSettingsTest {

    @Test
    void defaultsAreKpiMdsAndDescribeThemselves() {
        KpiSettings s = KpiSettings.DEFAULTS;
        assertThat(s.slaSeconds()).isEqualTo(20);
        assertThat(s.shortAbandonSeconds()).isEqualTo(5);
        assertThat(s.slaMode()).isEqualTo(SlaMode.OFFERED);
        assertThat(s.shortCallSeconds()).isZero();
        assertThat(s.repeatWindowHours()).isEqualTo(24);
        assertThat(s.acwMatchSeconds()).isEqualTo(5);
        assertThat(s.description()).isEqualTo("settings t0 (effective from 1970-01-01T00:00:00Z): slaSeconds=20, "
                + "shortAbandonSeconds=5, slaMode=OFFERED, shortCallSeconds=0 (off), repeatWindowHours=24, "
                + "billablePauseReasons=[ACW], acwMatchSeconds=5");
    }

    @Test
    void reportsEveryInvalidSettingAtOnce() {
        InvalidKpiSettingsException e = catchThrowableOfType(() -> KpiSettings.builder().slaSeconds(0)
                .shortAbandonSeconds(-1).slaMode(null).repeatWindowHours(10_000).billablePauseReasons("ACW", " ")
                .build(), InvalidKpiSettingsException.class);
        assertThat(e.problems()).containsExactly(
                "slaSeconds must be between 1 and 3600, was 0",
                "shortAbandonSeconds must be between 0 and 600, was -1",
                "slaMode is required (OFFERED or ANSWERED)",
                "repeatWindowHours must be between 0 and 744, was 10000",
                "billablePauseReasons must not contain a blank reason");
        assertThat(e).hasMessageStartingWith("invalid KPI settings: slaSeconds must be");
    }

    @Test
    void pauseReasonsMatchCaseInsensitivelyAndAcwMustBeBillable() {
        KpiSettings s = KpiSettings.builder().billablePauseReasons("acw", "Training").build();
        assertThat(s.billablePauseReasons()).containsExactlyInAnyOrder("ACW", "TRAINING");
        assertThat(s.isBillable("training")).isTrue();
        assertThat(s.isBillable("Lunch")).isFalse();
        assertThat(s.isAfterCallWork("Acw")).isTrue();
        assertThat(KpiSettings.builder().billablePauseReasons("Training").build().isAfterCallWork("ACW")).isFalse();
    }

    @Test
    void queueOverridesApplyOverTheTenantDefaultsInForceAtTheTime() {
        Instant april = Instant.parse("2026-04-01T00:00:00Z");
        Instant may = Instant.parse("2026-05-01T00:00:00Z");
        KpiSettings t1 = KpiSettings.builder().tenantVersion(1).build();
        KpiSettings t2 = KpiSettings.builder().tenantVersion(2).effectiveFrom(may).shortAbandonSeconds(3).build();
        QueueSettingsOverride vip = new QueueSettingsOverride("vip", 1, april, 10, null, SlaMode.ANSWERED, null, null, null);
        KpiSettingsHistory history = new KpiSettingsHistory(List.of(t2, t1), List.of(vip));

        assertThat(history.getEffective("vip", april.minusSeconds(1))).isEqualTo(t1);
        KpiSettings vipApril = history.getEffective("vip", april);
        assertThat(vipApril.version()).isEqualTo("t1/q1");
        assertThat(vipApril.slaSeconds()).isEqualTo(10);
        assertThat(vipApril.slaMode()).isEqualTo(SlaMode.ANSWERED);
        assertThat(vipApril.shortAbandonSeconds()).isEqualTo(5);
        KpiSettings vipMay = history.getEffective("vip", may);
        assertThat(vipMay.version()).isEqualTo("t2/q1");
        assertThat(vipMay.shortAbandonSeconds()).isEqualTo(3);
        assertThat(vipMay.effectiveFrom()).isEqualTo(may);
        assertThat(history.getEffective("sales", may)).isEqualTo(t2);
    }

    @Test
    void anOutOfRangeOverrideIsReportedByTheSettingsName() {
        QueueSettingsOverride bad = new QueueSettingsOverride("q", 1, Instant.EPOCH, 0, null, null, null, null, null);
        assertThatThrownBy(() -> bad.applyTo(KpiSettings.DEFAULTS)).isInstanceOf(InvalidKpiSettingsException.class)
                .hasMessageContaining("slaSeconds must be between 1 and 3600, was 0");
    }

    @Test
    void noSettingsBeforeTheFirstVersion() {
        KpiSettings t1 = KpiSettings.builder().tenantVersion(1).effectiveFrom(Instant.parse("2026-01-01T00:00:00Z")).build();
        KpiSettingsHistory history = new KpiSettingsHistory(List.of(t1), List.of());
        assertThat(history.findEffective("q", Instant.parse("2025-12-31T23:59:59Z"))).isEmpty();
        assertThatThrownBy(() -> history.getEffective("q", Instant.parse("2025-12-31T23:59:59Z")))
                .hasMessageContaining("no KPI settings effective at 2025-12-31T23:59:59Z");
        assertThatThrownBy(() -> new KpiSettingsHistory(List.of(t1, t1.toBuilder().tenantVersion(2).build()), List.of()))
                .hasMessageContaining("same instant");
    }
}
