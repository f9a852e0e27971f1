package io.queuelens.alerts.control;

import io.queuelens.alerts.entity.AlertChannel;
import io.queuelens.alerts.entity.AlertProblem;
import io.queuelens.alerts.entity.AlertRule;
import io.queuelens.alerts.entity.ChannelDraft;
import io.queuelens.alerts.entity.Comparison;
import io.queuelens.alerts.entity.Figure;
import io.queuelens.alerts.entity.InvalidAlertException;
import io.queuelens.alerts.entity.RuleDraft;
import io.queuelens.alerts.entity.ScopeKind;
import org.junit.jupiter.api.Test;

import java.time.LocalTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class AlertRuleChecksTest {

    static RuleDraft draft(String figure, String scopeKind, String cmp, String threshold, String clear, String from, String to) {
        return new RuleDraft("Long queue", figure, null, scopeKind, "sales, support,sales", cmp, threshold, clear, "30",
                "warning", from, to, List.of(3L), true);
    }

    @Test
    void aGoodDraftBecomesARule() {
        AlertRule r = AlertRuleChecks.rule("t1", 0, draft("WAITING", "queue", ">=", "5", "2", "22:00", "06:00"));
        assertThat(r.figure()).isEqualTo(Figure.WAITING);
        assertThat(r.scopeKind()).isEqualTo(ScopeKind.QUEUE);
        assertThat(r.scopeIds()).containsExactly("sales", "support");
        assertThat(r.comparison()).isEqualTo(Comparison.GE);
        assertThat(r.clearThreshold()).isEqualTo(2);
        assertThat(r.quietFrom()).isEqualTo(LocalTime.of(22, 0));
        assertThat(RuleDraftRoundTrip.of(r)).isEqualTo(r);
    }

    @Test
    void clearDefaultsToTheThreshold() {
        assertThat(AlertRuleChecks.rule("t1", 0, draft("WAITING", "QUEUE", ">", "5", "", null, null)).clearThreshold()).isEqualTo(5);
    }

    @Test
    void everyProblemIsReportedWithItsField() {
        InvalidAlertException e = catchThrowableOfType(() -> AlertRuleChecks.rule("t1", 0,
                new RuleDraft(" ", "NOPE", null, "AGENT", "", "=", "x", "1", "-3", "loud", "25:00", null, List.of(), true)),
                InvalidAlertException.class);
        assertThat(e.problems()).extracting(AlertProblem::field).contains("name", "figure", "severity", "comparison", "scopeIds",
                "threshold", "minDurationSeconds", "quietFrom");
    }

    @Test
    void clearThresholdMustBeOnTheGoodSide() {
        InvalidAlertException up = catchThrowableOfType(() -> AlertRuleChecks.rule("t1", 0,
                draft("WAITING", "QUEUE", ">", "5", "7", null, null)), InvalidAlertException.class);
        assertThat(up.problems()).extracting(AlertProblem::key).containsExactly("clearAbove");
        InvalidAlertException down = catchThrowableOfType(() -> AlertRuleChecks.rule("t1", 0,
                draft("SERVICE_LEVEL_30M", "QUEUE", "<", "80", "70", null, null)), InvalidAlertException.class);
        assertThat(down.problems()).extracting(AlertProblem::key).containsExactly("clearBelow");
        InvalidAlertException pct = catchThrowableOfType(() -> AlertRuleChecks.rule("t1", 0,
                draft("ABANDON_RATE_TODAY", "QUEUE", ">", "120", "90", null, null)), InvalidAlertException.class);
        assertThat(pct.problems()).extracting(AlertProblem::key).containsExactly("percent");
    }

    @Test
    void agentScopeOnlyForAgentStatesAndQuietHoursNeedBothEnds() {
        InvalidAlertException e = catchThrowableOfType(() -> AlertRuleChecks.rule("t1", 0,
                draft("WAITING", "AGENT", ">", "5", "5", "10:00", null)), InvalidAlertException.class);
        assertThat(e.problems()).extracting(AlertProblem::key).containsExactly("agentScope", "quiet");
        assertThat(AlertRuleChecks.rule("t1", 0, draft("PAUSED_AGENTS", "AGENT", ">=", "1", "1", null, null)).scopeKind())
                .isEqualTo(ScopeKind.AGENT);
    }

    @Test
    void channelsNeedAFittingTargetAndTheirSecret() {
        assertThat(AlertRuleChecks.channel("t1", 0, new ChannelDraft("m", "EMAIL", "a@x.org, b@y.org", null, false, true), true, false)
                .target()).isEqualTo("a@x.org,b@y.org");
        assertThat(keys(new ChannelDraft("m", "EMAIL", "not-mail", null, false, true), true, false)).containsExactly("emails");
        assertThat(keys(new ChannelDraft("h", "WEBHOOK_GENERIC", "ftp://x", null, false, true), true, false))
                .containsExactly("url", "secret");
        assertThat(keys(new ChannelDraft("t", "WEBHOOK_TELEGRAM", "-1001", "", false, true), true, false)).containsExactly("botToken");
        // editing keeps the stored secret unless cleared
        AlertChannel kept = AlertRuleChecks.channel("t1", 4, new ChannelDraft("h", "webhook-generic", "https://h.example/x", "",
                false, true), false, true);
        assertThat(kept.id()).isEqualTo(4);
        assertThat(keys(new ChannelDraft("h", "WEBHOOK_GENERIC", "https://h.example/x", "", true, true), false, true))
                .containsExactly("secret");
        assertThat(keys(new ChannelDraft("s", "WEBHOOK_SLACK", "https://hooks.slack.com/services/x", null, false, true), true, false))
                .isEmpty();
    }

    private static List<String> keys(ChannelDraft d, boolean creating, boolean hadSecret) {
        try {
            AlertRuleChecks.channel("t1", 0, d, creating, hadSecret);
            return List.of();
        } catch (InvalidAlertException e) {
            return e.problems().stream().map(AlertProblem::key).toList();
        }
    }

    /** A stored rule shown in the editor and saved again unchanged is the same rule. */
    static final class RuleDraftRoundTrip {
        static AlertRule of(AlertRule r) {
            return AlertRuleChecks.rule(r.tenantId(), r.id(), RuleDraft.of(r));
        }
    }
}
