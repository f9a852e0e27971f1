package io.queuelens.sources.asterisk.control;

import io.queuelens.sources.asterisk.entity.AsteriskSourceConfig;
import io.queuelens.sources.asterisk.entity.QueueLogMode;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RunningSourcesTest {

    private final List<String> log = new ArrayList<>();
    private boolean failStart;

    private final RunningSources<String> running = new RunningSources<>(AsteriskSourceConfig::enabled,
            new RunningSources.Lifecycle<>() {
                @Override
                public String start(AsteriskSourceConfig c) {
                    if (failStart) {
                        throw new IllegalStateException("cannot start " + c.name());
                    }
                    String r = c.name() + "@" + c.updatedAt().getEpochSecond();
                    log.add("start " + r);
                    return r;
                }

                @Override
                public void stop(String r) {
                    log.add("stop " + r);
                }

                @Override
                public void failed(AsteriskSourceConfig c, RuntimeException e) {
                    log.add("failed " + c.name());
                }
            });

    private static AsteriskSourceConfig source(long id, String name, boolean enabled, long version) {
        return source(id, "t1", name, enabled, version);
    }

    private static AsteriskSourceConfig source(long id, String tenant, String name, boolean enabled, long version) {
        return new AsteriskSourceConfig(id, tenant, name, name, enabled, QueueLogMode.TABLE, "jdbc:mysql://pbx/db", "u", null,
                "queue_log", null, null, null, null, null, null, null, Instant.EPOCH, Instant.ofEpochSecond(version));
    }

    @Test
    void newSourcesStartChangedOnesRestartAndDisabledOrRemovedOnesStop() {
        running.reconcile(List.of(source(1, "a", true, 10), source(2, "b", true, 10), source(3, "c", false, 10)));
        assertThat(log).containsExactly("start a@10", "start b@10");
        assertThat(running.all(r -> r)).containsExactlyInAnyOrder("a@10", "b@10");

        log.clear();
        running.reconcile(List.of(source(1, "a", true, 10), source(2, "b", true, 11), source(3, "c", false, 10)));
        assertThat(log).as("unchanged a keeps running; b is edited").containsExactly("stop b@10", "start b@11");

        log.clear();
        running.reconcile(List.of(source(1, "a", false, 12)));
        assertThat(log).containsExactlyInAnyOrder("stop a@10", "stop b@11");
        assertThat(running.get(1)).isEmpty();
        assertThat(running.all(r -> r)).isEmpty();
    }

    @Test
    void aSourceThatFailsToStartIsReportedAndTriedAgainAtTheNextReconcile() {
        failStart = true;
        running.reconcile(List.of(source(1, "a", true, 10)));
        assertThat(log).containsExactly("failed a");
        assertThat(running.get(1)).isEmpty();

        failStart = false;
        running.reconcile(List.of(source(1, "a", true, 10)));
        assertThat(running.get(1)).contains("a@10");

        running.stopAll();
        assertThat(log).endsWith("stop a@10");
        assertThat(running.all(r -> r)).isEmpty();
    }

    @Test
    void aLostTenantsSourcesStopAtOnceAndStartAgainOnlyWhenWantedAgain() {
        java.util.Set<String> owned = new java.util.HashSet<>(List.of("t1", "t2"));
        RunningSources<String> gated = new RunningSources<>(c -> c.enabled() && owned.contains(c.tenantId()),
                new RunningSources.Lifecycle<>() {
                    @Override
                    public String start(AsteriskSourceConfig c) {
                        log.add("start " + c.tenantId() + "/" + c.name());
                        return c.tenantId() + "/" + c.name();
                    }

                    @Override
                    public void stop(String r) {
                        log.add("stop " + r);
                    }
                });
        List<AsteriskSourceConfig> all = List.of(source(1, "t1", "a", true, 1), source(2, "t1", "b", true, 1),
                source(3, "t2", "c", true, 1));
        gated.reconcile(all);
        log.clear();

        owned.remove("t1");
        gated.stopTenant("t1");
        assertThat(log).containsExactlyInAnyOrder("stop t1/a", "stop t1/b");
        assertThat(gated.all(r -> r)).containsExactly("t2/c");

        log.clear();
        gated.reconcile(all);
        assertThat(log).as("not started again while another member holds t1").isEmpty();
        owned.add("t1");
        gated.reconcile(all);
        assertThat(log).containsExactlyInAnyOrder("start t1/a", "start t1/b");
    }
}
