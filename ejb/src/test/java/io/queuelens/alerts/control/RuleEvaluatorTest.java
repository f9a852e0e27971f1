package io.queuelens.alerts.control;

import io.queuelens.alerts.control.RuleEvaluator.Action;
import io.queuelens.alerts.control.RuleEvaluator.Outcome;
import io.queuelens.alerts.entity.AlertRule;
import io.queuelens.alerts.entity.Comparison;
import io.queuelens.alerts.entity.Figure;
import io.queuelens.alerts.entity.ScopeKind;
import io.queuelens.alerts.entity.Severity;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RuleEvaluatorTest {

    static final ZoneId ISTANBUL = ZoneId.of("Europe/Istanbul"); // UTC+3, no DST
    static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z"); // 12:00 local
    static final String Q = "queue:sales";

    RuleEvaluator evaluator = new RuleEvaluator(Duration.ofMinutes(15), ISTANBUL);

    static AlertRule rule(Comparison c, double threshold, double clear, int minSeconds, LocalTime quietFrom, LocalTime quietTo) {
        return new AlertRule(7, "t1", "Queue too long", Figure.WAITING, null, ScopeKind.QUEUE, List.of("sales"), c,
                threshold, clear, minSeconds, Severity.WARNING, quietFrom, quietTo, List.of(), true);
    }

    static AlertRule waitingAbove(double threshold, double clear, int minSeconds) {
        return rule(Comparison.GT, threshold, clear, minSeconds, null, null);
    }

    Optional<Outcome> at(AlertRule r, double value, long secondsAfterT0) {
        return evaluator.evaluate(r, Q, value, T0.plusSeconds(secondsAfterT0));
    }

    @Test
    void firesAtOnceWithoutMinimumDurationAndOnlyOnce() {
        AlertRule r = waitingAbove(5, 5, 0);
        assertThat(at(r, 5, 0)).isEmpty(); // not > 5
        Outcome fire = at(r, 6, 1).orElseThrow();
        assertThat(fire.action()).isEqualTo(Action.FIRE);
        assertThat(fire.tell()).isTrue();
        assertThat(fire.value()).isEqualTo(6);
        assertThat(at(r, 9, 2)).isEmpty(); // still firing: one incident, no second notice
        assertThat(at(r, 7, 3)).isEmpty();
        assertThat(evaluator.isFiring(7, Q)).isTrue();
    }

    @Test
    void minimumDurationMustPassWhileTheConditionHolds() {
        AlertRule r = waitingAbove(5, 5, 60);
        assertThat(at(r, 8, 0)).isEmpty();
        assertThat(at(r, 8, 59)).isEmpty();
        assertThat(evaluator.nextDeadline()).contains(T0.plusSeconds(60));
        Outcome fire = at(r, 7, 60).orElseThrow();
        assertThat(fire.action()).isEqualTo(Action.FIRE);
        assertThat(fire.pendingSince()).isEqualTo(T0);
        assertThat(fire.peak()).isEqualTo(8);
    }

    @Test
    void aSpikeShorterThanTheMinimumDurationDoesNotFireAndRestartsTheClock() {
        AlertRule r = waitingAbove(5, 5, 60);
        at(r, 8, 0);
        assertThat(at(r, 3, 30)).isEmpty(); // dropped back: pending forgotten
        assertThat(at(r, 8, 40)).isEmpty(); // pending again from 40
        assertThat(at(r, 8, 90)).isEmpty(); // 50 s only
        assertThat(at(r, 8, 100)).map(Outcome::action).contains(Action.FIRE);
    }

    @Test
    void tickFiresAPendingConditionWhenItsMinimumDurationPassesWithoutNewValues() {
        AlertRule r = waitingAbove(5, 5, 30);
        at(r, 6, 0);
        assertThat(evaluator.tick(T0.plusSeconds(29))).isEmpty();
        List<Outcome> fired = evaluator.tick(T0.plusSeconds(30));
        assertThat(fired).extracting(Outcome::action).containsExactly(Action.FIRE);
        assertThat(fired.get(0).scopeKey()).isEqualTo(Q);
    }

    @Test
    void hysteresisKeepsItFiringBetweenClearAndThreshold() {
        AlertRule r = waitingAbove(10, 4, 0);
        assertThat(at(r, 11, 0)).map(Outcome::action).contains(Action.FIRE);
        assertThat(at(r, 9, 1)).isEmpty();   // below threshold, above clear: still firing
        assertThat(at(r, 5, 2)).isEmpty();
        assertThat(evaluator.isFiring(7, Q)).isTrue();
        assertThat(evaluator.peak(7, Q)).isEqualTo(11);
        Outcome resolved = at(r, 4, 3).orElseThrow(); // not > 4: cleared
        assertThat(resolved.action()).isEqualTo(Action.RESOLVE);
        assertThat(resolved.peak()).isEqualTo(11);
        assertThat(evaluator.isFiring(7, Q)).isFalse();
        assertThat(evaluator.peak(7, Q)).isNaN();
        assertThat(at(r, 9, 4)).isEmpty(); // under the threshold again: no new incident
        assertThat(at(r, 12, 5)).map(Outcome::action).contains(Action.FIRE); // a new incident
    }

    @Test
    void flappingAroundTheThresholdGivesOneIncident() {
        AlertRule r = waitingAbove(10, 6, 0);
        List<Outcome> all = new ArrayList<>();
        double[] values = {11, 9, 11, 10, 12, 9, 11, 8, 10.5, 9};
        for (int i = 0; i < values.length; i++) {
            at(r, values[i], i).ifPresent(all::add);
        }
        assertThat(all).extracting(Outcome::action).containsExactly(Action.FIRE);
    }

    @Test
    void withoutHysteresisEveryCrossingIsAnIncident() {
        AlertRule r = waitingAbove(10, 10, 0);
        List<Action> actions = new ArrayList<>();
        double[] values = {11, 9, 11, 9};
        for (int i = 0; i < values.length; i++) {
            at(r, values[i], i).map(Outcome::action).ifPresent(actions::add);
        }
        assertThat(actions).containsExactly(Action.FIRE, Action.RESOLVE, Action.FIRE, Action.RESOLVE);
    }

    @Test
    void downwardRulesFireBelowAndClearAbove() {
        AlertRule r = new AlertRule(9, "t1", "SL", Figure.SERVICE_LEVEL_30M, null, ScopeKind.QUEUE, List.of("sales"),
                Comparison.LT, 80, 85, 0, Severity.CRITICAL, null, null, List.of(), true);
        assertThat(evaluator.evaluate(r, Q, 80.0, T0)).isEmpty();
        assertThat(evaluator.evaluate(r, Q, 79.0, T0.plusSeconds(1))).map(Outcome::action).contains(Action.FIRE);
        assertThat(evaluator.evaluate(r, Q, 70.0, T0.plusSeconds(2))).isEmpty();
        assertThat(evaluator.evaluate(r, Q, 84.9, T0.plusSeconds(3))).isEmpty();
        Outcome resolved = evaluator.evaluate(r, Q, 85.0, T0.plusSeconds(4)).orElseThrow();
        assertThat(resolved.action()).isEqualTo(Action.RESOLVE);
        assertThat(resolved.peak()).isEqualTo(70.0); // the worst is the lowest
    }

    @Test
    void repeatsAtMostOncePerRenotifyIntervalUntilAcknowledged() {
        AlertRule r = waitingAbove(5, 5, 0);
        at(r, 6, 0);
        assertThat(at(r, 7, 899)).isEmpty();
        assertThat(at(r, 7, 900)).map(Outcome::action).contains(Action.REPEAT);
        assertThat(at(r, 7, 901)).isEmpty();
        assertThat(evaluator.tick(T0.plusSeconds(1800))).extracting(Outcome::action).containsExactly(Action.REPEAT);
        evaluator.acknowledge(7, Q);
        assertThat(evaluator.tick(T0.plusSeconds(2700))).isEmpty();
        assertThat(evaluator.nextDeadline()).isEmpty();
        assertThat(at(r, 2, 2800)).map(Outcome::action).contains(Action.RESOLVE); // acknowledged still resolves
    }

    @Test
    void quietHoursAcrossMidnightRecordButDoNotNotify() {
        // quiet 22:00-06:00 local (UTC+3): 19:00Z-03:00Z
        AlertRule r = rule(Comparison.GT, 5, 5, 0, LocalTime.of(22, 0), LocalTime.of(6, 0));
        Instant lateEvening = Instant.parse("2026-03-02T20:30:00Z"); // 23:30 local
        Outcome fire = evaluator.evaluate(r, Q, 9.0, lateEvening).orElseThrow();
        assertThat(fire.action()).isEqualTo(Action.FIRE);
        assertThat(fire.tell()).isFalse();
        // after midnight still quiet: no repeat though 15 min passed
        assertThat(evaluator.evaluate(r, Q, 9.0, Instant.parse("2026-03-02T22:30:00Z"))).isEmpty(); // 01:30 local
        assertThat(evaluator.evaluate(r, Q, 9.0, Instant.parse("2026-03-03T02:59:59Z"))).isEmpty(); // 05:59:59 local
        // quiet hours end at 06:00 local: the owed notice goes out at once
        Outcome owed = evaluator.evaluate(r, Q, 9.0, Instant.parse("2026-03-03T03:00:00Z")).orElseThrow();
        assertThat(owed.action()).isEqualTo(Action.REPEAT);
        assertThat(owed.tell()).isTrue();
    }

    @Test
    void aResolutionInsideQuietHoursOfAnUnnotifiedFiringTellsNobody() {
        AlertRule r = rule(Comparison.GT, 5, 5, 0, LocalTime.of(22, 0), LocalTime.of(6, 0));
        evaluator.evaluate(r, Q, 9.0, Instant.parse("2026-03-02T20:30:00Z"));
        Outcome resolved = evaluator.evaluate(r, Q, 1.0, Instant.parse("2026-03-02T21:00:00Z")).orElseThrow();
        assertThat(resolved.action()).isEqualTo(Action.RESOLVE);
        assertThat(resolved.tell()).isFalse();
    }

    @Test
    void quietHoursWithinADay() {
        AlertRule r = rule(Comparison.GT, 5, 5, 0, LocalTime.of(12, 0), LocalTime.of(13, 0));
        assertThat(r.isQuietAt(LocalTime.of(11, 59))).isFalse();
        assertThat(r.isQuietAt(LocalTime.of(12, 0))).isTrue();
        assertThat(r.isQuietAt(LocalTime.of(12, 59))).isTrue();
        assertThat(r.isQuietAt(LocalTime.of(13, 0))).isFalse();
        AlertRule night = rule(Comparison.GT, 5, 5, 0, LocalTime.of(22, 0), LocalTime.of(6, 0));
        assertThat(night.isQuietAt(LocalTime.of(21, 59))).isFalse();
        assertThat(night.isQuietAt(LocalTime.of(23, 0))).isTrue();
        assertThat(night.isQuietAt(LocalTime.MIDNIGHT)).isTrue();
        assertThat(night.isQuietAt(LocalTime.of(6, 0))).isFalse();
        // T0 is 12:00 local: a firing at noon is quiet
        assertThat(evaluator.evaluate(r, Q, 9.0, T0)).map(Outcome::tell).contains(false);
    }

    @Test
    void scopesAndRulesAreTrackedSeparately() {
        AlertRule r = waitingAbove(5, 5, 0);
        assertThat(evaluator.evaluate(r, "queue:a", 6.0, T0)).isPresent();
        assertThat(evaluator.evaluate(r, "queue:b", 6.0, T0)).isPresent();
        assertThat(evaluator.evaluate(r, "queue:a", 1.0, T0.plusSeconds(1))).map(Outcome::action).contains(Action.RESOLVE);
        assertThat(evaluator.isFiring(7, "queue:b")).isTrue();
        evaluator.forget(7);
        assertThat(evaluator.followed()).isZero();
    }

    @Test
    void missingValuesNeitherStartNorClear() {
        AlertRule r = waitingAbove(5, 5, 30);
        assertThat(evaluator.evaluate(r, Q, null, T0)).isEmpty();
        at(r, 6, 0);
        assertThat(evaluator.evaluate(r, Q, null, T0.plusSeconds(10))).isEmpty(); // pending dropped
        assertThat(at(r, 6, 35)).isEmpty(); // pending anew from 35
        assertThat(at(r, 6, 65)).map(Outcome::action).contains(Action.FIRE);
        assertThat(evaluator.evaluate(r, Q, null, T0.plusSeconds(70))).isEmpty();
        assertThat(evaluator.isFiring(7, Q)).isTrue();
    }

    @Test
    void aRestoredIncidentResolvesInsteadOfFiringAgain() {
        AlertRule r = waitingAbove(5, 3, 0);
        evaluator.restoreFiring(r, Q, 8, 9, false, T0.minusSeconds(600), T0);
        assertThat(at(r, 8, 1)).isEmpty();
        assertThat(at(r, 3, 2)).map(Outcome::action).contains(Action.RESOLVE);
    }

    @Test
    void renotifyIntervalMustBePositive() {
        assertThatThrownBy(() -> new RuleEvaluator(Duration.ZERO, ISTANBUL)).isInstanceOf(IllegalArgumentException.class);
    }
}
