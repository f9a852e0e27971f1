package io.queuelens.kpi.boundary;

import io.queuelens.calls.control.FactBatch;
import io.queuelens.calls.control.FactStore;
import io.queuelens.calls.entity.QueueVisit;
import io.queuelens.kpi.control.KpiSettingsHistory;
import io.queuelens.kpi.entity.InvalidKpiSettingsException;
import io.queuelens.kpi.entity.KpiSettings;
import io.queuelens.kpi.entity.QueueSettingsOverride;
import io.queuelens.kpi.entity.RebuildStatus;
import io.queuelens.kpi.entity.SettingsChange;
import io.queuelens.kpi.entity.SlaMode;
import io.queuelens.reports.RollupFixtures;
import io.queuelens.reports.control.QueueRollupReader;
import io.queuelens.rollups.RandomVisits;
import io.queuelens.rollups.TestVisits;
import io.queuelens.rollups.entity.QueueBucket;
import io.queuelens.testsupport.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KpiSettingsServiceTest {

    private static final String TENANT = TestVisits.TENANT;
    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

    private static KpiSettingsService service(TestDatabases.Db db, ExecutorService executor) {
        KpiSettingsService s = new KpiSettingsService();
        s.dataSource = db.dataSource();
        s.executor = executor;
        s.audit = io.queuelens.audit.boundary.AuditTrail.to(line -> { });
        s.clock = Clock.fixed(NOW, ZoneOffset.UTC);
        return s;
    }

    private static KpiSettings sla(int seconds, String from) {
        return KpiSettings.builder().slaSeconds(seconds).effectiveFrom(Instant.parse(from)).build();
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void aTenantWithoutStoredSettingsUsesKpiMdDefaults(String kind) throws Exception {
        try (TestDatabases.Db db = TestDatabases.open(kind)) {
            KpiSettingsHistory history = service(db, null).history(TENANT);
            assertThat(history.getEffective("sales", NOW)).isEqualTo(KpiSettings.DEFAULTS);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void aChangeAppliesFromItsInstantAndTheOldSettingsStayForTheTimeBefore(String kind) throws Exception {
        try (TestDatabases.Db db = TestDatabases.open(kind)) {
            KpiSettingsService service = service(db, null); // effective in the future: no rebuild is started
            KpiSettings stored = service.changeDefaults(TENANT, KpiSettings.builder().slaSeconds(30).slaMode(SlaMode.ANSWERED)
                    .billablePauseReasons("ACW", "Training").effectiveFrom(Instant.parse("2026-11-23T00:00:00Z")).build(), "ana");

            assertThat(stored.version()).isEqualTo("t1");
            KpiSettingsHistory history = service.history(TENANT);
            assertThat(history.getEffective("sales", Instant.parse("2026-11-22T23:45:00Z"))).isEqualTo(KpiSettings.DEFAULTS);
            KpiSettings after = history.getEffective("sales", Instant.parse("2026-11-23T00:00:00Z"));
            assertThat(after).isEqualTo(stored);
            assertThat(after.isBillable("training")).isTrue();
            assertThat(service.rebuildStatus(TENANT)).isNull();

            QueueSettingsOverride sales = service.changeQueue(TENANT, new QueueSettingsOverride("sales", 99,
                    Instant.parse("2026-11-24T00:00:00Z"), 10, null, null, null, null, null), "ana");
            assertThat(sales.version()).isEqualTo(1);
            KpiSettings salesSettings = service.history(TENANT).getEffective("sales", Instant.parse("2026-11-24T00:00:00Z"));
            assertThat(salesSettings.version()).isEqualTo("t1/q1");
            assertThat(salesSettings.slaSeconds()).isEqualTo(10);
            assertThat(salesSettings.slaMode()).isEqualTo(SlaMode.ANSWERED);
            assertThat(service.history(TENANT).getEffective("support", Instant.parse("2026-11-24T00:00:00Z")).slaSeconds())
                    .isEqualTo(30);

            assertThat(service.changes(TENANT)).extracting(SettingsChange::versionLabel, SettingsChange::changedBy)
                    .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("t1", "ana"),
                            org.assertj.core.groups.Tuple.tuple("q1", "ana"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void aCorrectionWithTheSameStartReplacesTheLatestVersion(String kind) throws Exception {
        try (TestDatabases.Db db = TestDatabases.open(kind)) {
            KpiSettingsService service = service(db, null);
            service.changeDefaults(TENANT, sla(30, "2026-12-01T00:00:00Z"), "ana");
            service.changeDefaults(TENANT, sla(25, "2026-12-01T00:00:00Z"), "ben");

            KpiSettings effective = service.history(TENANT).getEffective("q", Instant.parse("2026-12-01T00:00:00Z"));
            assertThat(effective.version()).isEqualTo("t2");
            assertThat(effective.slaSeconds()).isEqualTo(25);
            assertThat(service.changes(TENANT)).hasSize(2); // the replaced version stays on record
        }
    }

    @Test
    void invalidChangesAreRejectedWithTheSettingNamedAndNothingIsStored() throws Exception {
        try (TestDatabases.Db db = TestDatabases.open("h2")) {
            KpiSettingsService service = service(db, null);
            assertThatThrownBy(() -> service.changeDefaults(TENANT, sla(30, "2026-12-01T00:07:00Z"), "ana"))
                    .isInstanceOfSatisfying(InvalidKpiSettingsException.class,
                            e -> assertThat(e.problems()).singleElement().asString().startsWith("effectiveFrom"));
            service.changeDefaults(TENANT, sla(30, "2026-12-01T00:00:00Z"), "ana");
            assertThatThrownBy(() -> service.changeDefaults(TENANT, sla(30, "2026-11-30T00:00:00Z"), "ana"))
                    .isInstanceOfSatisfying(InvalidKpiSettingsException.class,
                            e -> assertThat(e.problems()).singleElement().asString().contains("must not be before"));
            assertThatThrownBy(() -> service.changeQueue(TENANT, new QueueSettingsOverride("sales", 1,
                    Instant.parse("2026-12-02T00:00:00Z"), 0, null, null, null, null, null), "ana"))
                    .isInstanceOfSatisfying(InvalidKpiSettingsException.class,
                            e -> assertThat(e.problems()).singleElement().asString().startsWith("slaSeconds"));
            assertThatThrownBy(() -> KpiSettings.builder().billablePauseReasons("ACW,Lunch").build())
                    .isInstanceOf(InvalidKpiSettingsException.class);
            assertThat(service.changes(TENANT)).hasSize(1);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void aChangeInThePastRebuildsTheRollupsFromItsStartExactly(String kind) throws Exception {
        try (TestDatabases.Db db = TestDatabases.open(kind)) {
            List<QueueVisit> visits = RandomVisits.generate(new Random(7), 400, Instant.parse("2026-11-19T00:00:00Z"), 3);
            FactBatch batch = new FactBatch();
            visits.forEach(batch::visit);
            try (Connection c = db.dataSource().getConnection()) {
                new FactStore(TENANT, "demo").write(c, batch, List.of(), "test:");
            }
            RollupFixtures.write(db.dataSource(), RollupFixtures.bucketsOf(visits, KpiSettingsHistory.defaultsOnly()));

            ExecutorService executor = Executors.newSingleThreadExecutor();
            KpiSettingsService service = service(db, executor);
            Instant change = Instant.parse("2026-11-20T09:15:00Z");
            service.changeDefaults(TENANT, sla(8, change.toString()), "ana");
            executor.shutdown();
            assertThat(executor.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

            RebuildStatus status = service.rebuildStatus(TENANT);
            assertThat(status.error()).isNull();
            assertThat(status.running()).isFalse();
            assertThat(status.from()).isEqualTo(change);
            assertThat(status.percentDone()).isEqualTo(100);

            KpiSettingsHistory history = service.history(TENANT);
            List<QueueBucket> expected = RollupFixtures.bucketsOf(visits, history);
            try (Connection c = db.dataSource().getConnection()) {
                QueueRollupReader reader = new QueueRollupReader(history);
                List<QueueBucket> stored = reader.read(c, TENANT, Instant.parse("2026-11-19T00:00:00Z"),
                        Instant.parse("2026-11-23T00:00:00Z"), List.of());
                Map<String, QueueBucket> byKey = stored.stream().filter(b -> !b.isEmpty())
                        .collect(Collectors.toMap(QueueBucket::key, Function.identity()));
                assertThat(byKey).hasSameSizeAs(expected.stream().filter(b -> !b.isEmpty()).toList());
                for (QueueBucket e : expected) {
                    QueueBucket s = byKey.get(e.key());
                    assertThat(s.settingsVersion()).as(e.key()).isEqualTo(e.start().isBefore(change) ? "t0" : "t1");
                    assertThat(s.totals()).as(e.key()).isEqualTo(e.totals());
                }
                // the new target must actually have changed some bucket, or this test proves nothing
                assertThat(expected.stream().filter(b -> !b.start().isBefore(change))
                        .mapToLong(b -> b.totals().answeredInSla()).sum())
                        .isLessThan(RollupFixtures.bucketsOf(visits, KpiSettingsHistory.defaultsOnly()).stream()
                                .filter(b -> !b.start().isBefore(change)).mapToLong(b -> b.totals().answeredInSla()).sum());
            }
        }
    }
}
