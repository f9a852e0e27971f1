package io.queuelens.web.live;

import io.queuelens.alerts.entity.AlertNotice;
import io.queuelens.alerts.entity.Figure;
import io.queuelens.alerts.entity.Severity;
import io.queuelens.identity.entity.Access;
import io.queuelens.identity.entity.Role;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Who gets an alert toast: only viewers of the tenant who see every queue of the alert. */
class AlertAudienceTest {

    static final List<String> TENANTS = List.of("t1", "t2");

    @Test
    void aViewerOfEveryQueueSeesEveryAlertOfTheirTenantsOnly() {
        AlertAudience a = AlertAudience.of(Access.of("ann", EnumSet.of(Role.MANAGER), Map.of("t1", List.of()), null), TENANTS);
        assertThat(a.tenants()).containsOnlyKeys("t1");
        assertThat(a.sees("t1", List.of("sales"))).isTrue();
        assertThat(a.sees("t1", List.of())).as("an agent in no queue").isTrue();
        assertThat(a.sees("t2", List.of("sales"))).isFalse();
    }

    @Test
    void aViewerLimitedToSomeQueuesSeesOnlyAlertsOverThem() {
        AlertAudience a = AlertAudience.of(Access.of("rita", EnumSet.of(Role.REPORTS), Map.of("t1", List.of("sales", "vip")), null),
                TENANTS);
        assertThat(a.sees("t1", List.of("sales"))).isTrue();
        assertThat(a.sees("t1", List.of("sales", "vip"))).isTrue();
        assertThat(a.sees("t1", List.of("support"))).isFalse();
        assertThat(a.sees("t1", List.of("sales", "support"))).as("a group with a queue not theirs").isFalse();
        assertThat(a.sees("t1", List.of())).isFalse();
        // the same visibility is the same audience (one push reaches all of them), and it can be a socket's user
        AlertAudience same = AlertAudience.of(Access.of("sam", EnumSet.of(Role.DASHBOARD), Map.of("t1", List.of("vip", "sales")), null),
                TENANTS);
        assertThat(same).isEqualTo(a);
        assertThat(serializable(a)).isTrue();
    }

    @Test
    void theMessageCarriesWhatTheToastShows() {
        String m = AlertPush.message(new AlertNotice("FIRING", 42, "t1", "Long <queue>", Severity.CRITICAL, Figure.WAITING,
                "queue:sales", "sales", List.of("sales"), 7.0, "WAITING > 5", Instant.EPOCH, 123));
        assertThat(m).contains("\"kind\":\"FIRING\"").contains("\"incident\":42").contains("\"rule\":\"Long <queue>\"")
                .contains("\"scope\":\"sales\"").contains("\"liveAt\":123");
    }

    private static boolean serializable(Object o) {
        try (ObjectOutputStream out = new ObjectOutputStream(new ByteArrayOutputStream())) {
            out.writeObject(o);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
