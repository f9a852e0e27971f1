package io.queuelens.subscriptions.control;

import io.queuelens.subscriptions.entity.Subscription;
import io.queuelens.subscriptions.entity.SubscriptionForm;
import io.queuelens.subscriptions.entity.SubscriptionRun;
import io.queuelens.testsupport.TestDatabases;
import io.queuelens.testsupport.TestDatabases.Db;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The V19 tables on H2 (MariaDB mode) and on the real MariaDB: what is stored reads back, runs are once per key. */
class SubscriptionStoreTest {

    private static Subscription subscription(String owner) {
        SubscriptionForm f = new SubscriptionForm();
        f.setReport("answered");
        f.setPeriod("last-month");
        f.setQueues(List.of("sales", "support"));
        f.setAgents(List.of("PJSIP/100"));
        f.setTimeZone("America/New_York");
        f.setFormats(List.of("pdf", "parquet"));
        f.setRecipients(List.of("a@example.com", "b@example.com"));
        f.setFrequency("monthly");
        f.setDayOfMonth(31);
        f.setTime("06:15");
        return SubscriptionRules.check(f, 0, "acme", owner);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void storedSubscriptionsReadBackAndAreDueOnce(String kind) throws Exception {
        try (Db db = TestDatabases.open(kind); Connection c = db.dataSource().getConnection()) {
            Instant next = Instant.parse("2026-12-31T11:15:00Z");
            long id = SubscriptionStore.insert(c, subscription("mia"), next, "mia");
            SubscriptionStore.insert(c, subscription("leo"), null, "leo");
            Subscription s = SubscriptionStore.find(c, id).orElseThrow();
            assertThat(s.withRuns(null, null)).usingRecursiveComparison().ignoringFields("id", "updatedAt")
                    .isEqualTo(subscription("mia"));
            assertThat(s.nextRunAt()).isEqualTo(next);
            assertThat(SubscriptionStore.list(c, "acme", null)).hasSize(2);
            assertThat(SubscriptionStore.list(c, "acme", "mia")).extracting(Subscription::id).containsExactly(id);
            assertThat(SubscriptionStore.list(c, "other", null)).isEmpty();

            assertThat(SubscriptionStore.due(c, next.minusSeconds(1))).isEmpty();
            assertThat(SubscriptionStore.due(c, next)).extracting(Subscription::id).containsExactly(id);
            Instant after = Instant.parse("2027-01-31T11:15:00Z");
            assertThat(SubscriptionStore.advance(c, id, next, after)).isTrue();
            assertThat(SubscriptionStore.advance(c, id, next, after)).as("a second server moves nothing").isFalse();
            assertThat(SubscriptionStore.find(c, id).orElseThrow().lastRunAt()).isEqualTo(next);
            assertThat(SubscriptionStore.due(c, next.plusSeconds(60))).isEmpty();

            String key = SubscriptionRun.scheduledKey(id, next);
            SubscriptionRun first = SubscriptionStore.claimRun(c, id, "acme", key, next, next.minusSeconds(86400), next, "system");
            SubscriptionRun again = SubscriptionStore.claimRun(c, id, "acme", key, next, next.minusSeconds(86400), next, "system");
            assertThat(again.id()).isEqualTo(first.id());
            assertThat(first.status()).isEqualTo(SubscriptionRun.PENDING);
            SubscriptionStore.finishRun(c, first.id(), SubscriptionRun.SENT, null, 42L);
            SubscriptionRun done = SubscriptionStore.run(c, first.id()).orElseThrow();
            assertThat(done.status()).isEqualTo(SubscriptionRun.SENT);
            assertThat(done.mailId()).isEqualTo(42L);
            assertThat(done.periodTo()).isEqualTo(next);

            assertThat(SubscriptionStore.storeSecret(c, "v1:first")).isEqualTo("v1:first");
            assertThat(SubscriptionStore.storeSecret(c, "v1:second")).as("the first secret stays").isEqualTo("v1:first");

            assertThat(SubscriptionStore.delete(c, "other", id)).isFalse();
            assertThat(SubscriptionStore.delete(c, "acme", id)).isTrue();
            assertThat(SubscriptionStore.run(c, first.id())).as("runs go with their subscription").isEmpty();
        }
    }
}
