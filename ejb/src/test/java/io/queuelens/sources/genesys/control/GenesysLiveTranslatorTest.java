package io.queuelens.sources.genesys.control;

import io.queuelens.kpi.entity.KpiSettings;
import io.queuelens.live.control.LiveModel;
import io.queuelens.live.entity.LiveSnapshot;
import io.queuelens.live.entity.MemberState;
import io.queuelens.live.entity.WaitingCaller;
import io.queuelens.sources.genesys.entity.GenesysObservationSnapshot;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import org.asteriskjava.manager.event.ManagerEvent;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Genesys notifications, translated, drive the one live model the Asterisk tenants use. */
class GenesysLiveTranslatorTest {

    static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");
    static final String Q = "q-sales-id";
    static final String TOPIC = "v2.routing.queues." + Q + ".conversations";

    final LiveModel model = new LiveModel("t1", ZoneId.of("UTC"), (q, at) -> KpiSettings.DEFAULTS, 1000, T0);
    final GenesysLiveTranslator translator = new GenesysLiveTranslator(id -> id.equals(Q) ? "Sales" : id);
    Instant now = T0;

    LiveSnapshot apply(List<ManagerEvent> events) {
        for (ManagerEvent e : events) {
            Double ts = e.getTimestamp();
            Instant at = ts != null ? Instant.ofEpochMilli((long) (ts * 1000)) : now;
            assertThat(model.apply("org1-genesys", e, at)).as(e.toString()).isEqualTo(LiveModel.Applied.APPLIED);
        }
        return model.snapshot(1);
    }

    LiveSnapshot notify(String topic, JsonObject body) {
        return apply(translator.translate(topic, body));
    }

    static JsonObjectBuilder participant(String purpose, String state, Instant connected, Instant ended) {
        JsonObjectBuilder p = Json.createObjectBuilder().add("id", purpose + "-p").add("purpose", purpose)
                .add("calls", Json.createArrayBuilder().add(Json.createObjectBuilder().add("state", state)));
        if (connected != null) {
            p.add("connectedTime", connected.toString());
        }
        if (ended != null) {
            p.add("endTime", ended.toString());
        }
        return p;
    }

    static JsonObject conversation(String id, JsonObjectBuilder... participants) {
        JsonArrayBuilder a = Json.createArrayBuilder();
        for (JsonObjectBuilder p : participants) {
            a.add(p);
        }
        return Json.createObjectBuilder().add("id", id).add("participants", a).build();
    }

    static JsonObjectBuilder customer(String state, Instant ended) {
        return participant("customer", state, T0, ended).add("address", "tel:+15550001");
    }

    static JsonObjectBuilder acd(String state, Instant connected, Instant ended) {
        return participant("acd", state, connected, ended).add("queueId", Q);
    }

    static JsonObjectBuilder agent(String user, String state, Instant connected, Instant ended) {
        return participant("agent", state, connected, ended).add("queueId", Q).add("userId", user);
    }

    static JsonObject routing(String status) {
        return Json.createObjectBuilder().add("routingStatus", Json.createObjectBuilder().add("status", status)
                .add("startTime", T0.toString())).build();
    }

    static JsonObject presence(String system) {
        return Json.createObjectBuilder().add("source", "PURECLOUD").add("presenceDefinition",
                Json.createObjectBuilder().add("id", "x").add("systemPresence", system)).build();
    }

    GenesysObservationSnapshot org() {
        return new GenesysObservationSnapshot(
                List.of(new GenesysObservationSnapshot.QueueState(Q,
                        List.of(new GenesysObservationSnapshot.Waiting("c9", "+15559999", null, T0.minusSeconds(30))),
                        List.of(new GenesysObservationSnapshot.Interacting("c0", "u3", "+15550000", T0.minusSeconds(60))))),
                List.of(new GenesysObservationSnapshot.Member("u1", "Ann", "On Queue", "IDLE", Set.of(Q)),
                        new GenesysObservationSnapshot.Member("u2", "Bob", "Break", "OFF_QUEUE", Set.of(Q)),
                        new GenesysObservationSnapshot.Member("u3", "Cem", "On Queue", "INTERACTING", Set.of(Q))));
    }

    @Test
    void resyncRebuildsQueuesMembersAndWaitingCallers() {
        LiveSnapshot s = apply(translator.resync(org(), T0));

        assertThat(s.queues().get("Sales").waiting()).extracting(WaitingCaller::uniqueId).containsExactly("c9");
        assertThat(s.queues().get("Sales").longestWaiting().enteredAt()).isEqualTo(T0.minusSeconds(30));
        assertThat(s.members().get("u1").state()).isEqualTo(MemberState.AVAILABLE);
        assertThat(s.members().get("u1").name()).isEqualTo("Ann");
        assertThat(s.members().get("u2").state()).isEqualTo(MemberState.PAUSED);
        assertThat(s.members().get("u2").pauseReason()).isEqualTo("Break");
        assertThat(s.members().get("u3").state()).isEqualTo(MemberState.ON_CALL);
        assertThat(s.queues().get("Sales").available()).isEqualTo(1);
        assertThat(s.queues().get("Sales").onCall()).isEqualTo(1);
        assertThat(s.queues().get("Sales").paused()).isEqualTo(1);
        assertThat(model.resyncsCompleted()).isEqualTo(1);
    }

    @Test
    void aCallerWaitsRingsIsAnsweredAndEnds() {
        apply(translator.resync(org(), T0));
        now = T0.plusSeconds(5);
        LiveSnapshot joined = notify(TOPIC, conversation("c1", customer("connected", null),
                acd("connected", T0.plusSeconds(5), null)));
        assertThat(joined.queues().get("Sales").waiting()).extracting(WaitingCaller::uniqueId, WaitingCaller::callerNumber)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("c9", "+15559999"),
                        org.assertj.core.groups.Tuple.tuple("c1", "+15550001"));
        assertThat(joined.queues().get("Sales").today().offered()).isEqualTo(1);

        // Genesys repeats the whole conversation on every change: the same state again tells nothing new
        assertThat(translator.translate(TOPIC, conversation("c1", customer("connected", null),
                acd("connected", T0.plusSeconds(5), null)))).isEmpty();

        LiveSnapshot ringing = notify(TOPIC, conversation("c1", customer("connected", null),
                acd("connected", T0.plusSeconds(5), null), agent("u1", "alerting", null, null)));
        assertThat(ringing.members().get("u1").state()).isEqualTo(MemberState.RINGING);

        LiveSnapshot answered = notify(TOPIC, conversation("c1", customer("connected", null),
                acd("disconnected", T0.plusSeconds(5), T0.plusSeconds(20)),
                agent("u1", "connected", T0.plusSeconds(20), null)));
        assertThat(answered.queues().get("Sales").waiting()).extracting(WaitingCaller::uniqueId).containsExactly("c9");
        assertThat(answered.members().get("u1").state()).isEqualTo(MemberState.ON_CALL);
        assertThat(answered.members().get("u1").callerNumber()).isEqualTo("+15550001");
        assertThat(answered.members().get("u1").callsTaken()).isEqualTo(1);
        assertThat(answered.queues().get("Sales").today().answered()).isEqualTo(1);
        assertThat(answered.queues().get("Sales").today().waitAnswered()).isEqualTo(15);

        notify(TOPIC, conversation("c1", customer("disconnected", T0.plusSeconds(80)),
                acd("disconnected", T0.plusSeconds(5), T0.plusSeconds(20)),
                agent("u1", "disconnected", T0.plusSeconds(20), T0.plusSeconds(80))));
        // after-call work: still interacting until the routing status says idle
        LiveSnapshot acw = notify("v2.users.u1.routingStatus", routing("INTERACTING"));
        assertThat(acw.members().get("u1").state()).isEqualTo(MemberState.ON_CALL);
        LiveSnapshot idle = notify("v2.users.u1.routingStatus", routing("IDLE"));
        assertThat(idle.members().get("u1").state()).isEqualTo(MemberState.AVAILABLE);
        assertThat(idle.members().get("u1").callerNumber()).isNull();
        assertThat(translator.conversationsFollowed()).isEqualTo(2); // c9 waiting, c0 interacting
    }

    @Test
    void aCallerWhoHangsUpInTheQueueAbandons() {
        apply(translator.resync(org(), T0));
        notify(TOPIC, conversation("c2", customer("connected", null), acd("connected", T0.plusSeconds(1), null)));
        LiveSnapshot gone = notify(TOPIC, conversation("c2", customer("disconnected", T0.plusSeconds(41)),
                acd("disconnected", T0.plusSeconds(1), T0.plusSeconds(41))));
        assertThat(gone.queues().get("Sales").waiting()).extracting(WaitingCaller::uniqueId).containsExactly("c9");
        assertThat(gone.queues().get("Sales").today().abandoned()).isEqualTo(1);
        assertThat(translator.conversationsFollowed()).isEqualTo(2);
    }

    @Test
    void anAlertThatIsNotAnsweredStopsTheRinging() {
        apply(translator.resync(org(), T0));
        notify(TOPIC, conversation("c3", customer("connected", null), acd("connected", T0, null),
                agent("u1", "alerting", null, null)));
        LiveSnapshot missed = notify(TOPIC, conversation("c3", customer("connected", null), acd("connected", T0, null),
                agent("u1", "disconnected", null, T0.plusSeconds(12))));
        assertThat(missed.members().get("u1").state()).isEqualTo(MemberState.AVAILABLE);
        assertThat(missed.queues().get("Sales").waiting()).hasSize(2);
    }

    @Test
    void presenceAndRoutingStatusMakeAgentsAvailableBusyPausedOrGone() {
        apply(translator.resync(org(), T0));
        assertThat(notify("v2.users.u2.routingStatus", routing("IDLE")).members().get("u2").state())
                .isEqualTo(MemberState.AVAILABLE);
        LiveSnapshot meal = notify("v2.users.u2.presence", presence("Meal"));
        assertThat(meal.members().get("u2").state()).isEqualTo(MemberState.AVAILABLE); // still on queue: routing decides
        LiveSnapshot offQueue = notify("v2.users.u2.routingStatus", routing("OFF_QUEUE"));
        assertThat(offQueue.members().get("u2").state()).isEqualTo(MemberState.PAUSED);
        assertThat(offQueue.members().get("u2").pauseReason()).isEqualTo("Meal");
        assertThat(notify("v2.users.u1.routingStatus", routing("NOT_RESPONDING")).members().get("u1").state())
                .isEqualTo(MemberState.UNAVAILABLE);
        LiveSnapshot offline = notify("v2.users.u2.presence", presence("Offline"));
        assertThat(offline.members()).doesNotContainKey("u2");
        LiveSnapshot back = notify("v2.users.u2.presence", presence("Available"));
        assertThat(back.members().get("u2").state()).isEqualTo(MemberState.PAUSED);
        assertThat(back.members().get("u2").pauseReason()).isEqualTo("Off queue");
        // a user of no followed queue changes nothing
        assertThat(translator.translate("v2.users.stranger.routingStatus", routing("IDLE"))).isEmpty();
    }

    @Test
    void aSecondResyncForgetsWhatTheOrgNoLongerHas() {
        apply(translator.resync(org(), T0));
        notify(TOPIC, conversation("c5", customer("connected", null), acd("connected", T0, null)));
        GenesysObservationSnapshot later = new GenesysObservationSnapshot(
                List.of(new GenesysObservationSnapshot.QueueState(Q, List.of(), List.of())),
                List.of(new GenesysObservationSnapshot.Member("u1", "Ann", "On Queue", "INTERACTING", Set.of(Q))));
        now = T0.plusSeconds(60);
        LiveSnapshot s = apply(translator.resync(later, now));
        assertThat(s.queues().get("Sales").waiting()).isEmpty();
        assertThat(s.members()).containsOnlyKeys("u1");
        assertThat(s.members().get("u1").state()).isEqualTo(MemberState.ON_CALL);
        assertThat(translator.conversationsFollowed()).isZero();
        assertThat(model.resyncsCompleted()).isEqualTo(2);
    }

    @Test
    void unknownTopicsAndBodiesWithoutWhatMattersAreIgnored() {
        assertThat(translator.translate("v2.analytics.queues." + Q + ".observations", Json.createObjectBuilder().build()))
                .isEmpty();
        assertThat(translator.translate(TOPIC, Json.createObjectBuilder().add("id", "x").build())).isEmpty();
        assertThat(translator.translate("v2.users.u1.presence", Json.createObjectBuilder().build())).isEmpty();
    }
}
