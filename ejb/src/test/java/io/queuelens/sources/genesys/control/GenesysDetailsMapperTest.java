package io.queuelens.sources.genesys.control;

import io.queuelens.calls.control.FactBatch;
import io.queuelens.calls.entity.AgentPause;
import io.queuelens.calls.entity.Outcome;
import io.queuelens.calls.entity.QueueVisit;
import jakarta.json.Json;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Conversation details -> queue visits: answered (with hold and ACW), abandoned, transferred, overflowed, open. */
class GenesysDetailsMapperTest {

    static final Instant T = Instant.parse("2026-03-02T09:00:00Z");
    final GenesysDetailsMapper mapper = new GenesysDetailsMapper("t1", "gc1");

    static Instant at(long seconds) {
        return T.plusSeconds(seconds);
    }

    List<QueueVisit> visits(FactBatch b) {
        return List.copyOf(b.visits());
    }

    @Test
    void an_answered_call_with_hold_and_wrap_up() {
        FactBatch b = new FactBatch();
        assertThat(mapper.map(GenesysConversations.call("c1", T, "+4917100001")
                .queue("q1", at(5), at(35), "transfer")
                .agent("u1", "q1", at(30), at(35), at(215), 40, 25, "client").build(), b)).isTrue();
        QueueVisit v = visits(b).get(0);
        assertThat(v.callId()).isEqualTo("c1");
        assertThat(v.visitSeq()).isEqualTo(1);
        assertThat(v.queue()).isEqualTo("q1");
        assertThat(v.callerNumber()).isEqualTo("+4917100001");
        assertThat(v.did()).isEqualTo("+4930555000");
        assertThat(v.enteredAt()).isEqualTo(at(5));
        assertThat(v.connectedAt()).isEqualTo(at(35));
        assertThat(v.endedAt()).isEqualTo(at(215));
        assertThat(v.outcome()).isEqualTo(Outcome.ANSWERED);
        assertThat(v.waitSeconds()).isEqualTo(30);
        assertThat(v.ringSeconds()).isEqualTo(5);
        assertThat(v.talkSeconds()).isEqualTo(140); // 180 s with the agent, 40 of them on hold
        assertThat(v.holdSeconds()).isEqualTo(40);
        assertThat(v.agent()).isEqualTo("u1");
        assertThat(v.completedBy()).isEqualTo("AGENT");
        assertThat(v.transferred()).isFalse();
        assertThat(b.pauses()).containsExactly(new AgentPause("t1", "gc1", "u1", "q1", "ACW", at(215), at(240)));
    }

    @Test
    void a_caller_who_hangs_up_in_the_queue_abandons() {
        FactBatch b = new FactBatch();
        mapper.map(GenesysConversations.call("c2", T, "+4917100002").queue("q1", at(3), at(50), "peer").build(), b);
        QueueVisit v = visits(b).get(0);
        assertThat(v.outcome()).isEqualTo(Outcome.ABANDONED);
        assertThat(v.waitSeconds()).isEqualTo(47);
        assertThat(v.endedAt()).isEqualTo(at(50));
        assertThat(v.agent()).isNull();
        assertThat(v.connectedAt()).isNull();
        assertThat(b.pauses()).isEmpty();
    }

    @Test
    void a_call_transferred_by_the_agent_to_another_queue_is_two_visits() {
        FactBatch b = new FactBatch();
        mapper.map(GenesysConversations.call("c3", T, "+4917100003")
                .queue("q1", at(0), at(10), "transfer")
                .agent("u1", "q1", at(8), at(10), at(70), 0, 0, "transfer")
                .queue("q2", at(71), at(91), "transfer")
                .agent("u2", "q2", at(88), at(91), at(151), 0, 0, "peer").build(), b);
        List<QueueVisit> vs = visits(b).stream().sorted(java.util.Comparator.comparingInt(QueueVisit::visitSeq)).toList();
        assertThat(vs).hasSize(2);
        assertThat(vs.get(0).transferred()).isTrue();
        assertThat(vs.get(0).transferTarget()).isEqualTo("q2");
        assertThat(vs.get(0).completedBy()).isEqualTo("TRANSFER");
        assertThat(vs.get(0).talkSeconds()).isEqualTo(60);
        assertThat(vs.get(1).visitSeq()).isEqualTo(2);
        assertThat(vs.get(1).queue()).isEqualTo("q2");
        assertThat(vs.get(1).agent()).isEqualTo("u2");
        assertThat(vs.get(1).waitSeconds()).isEqualTo(20);
        assertThat(vs.get(1).completedBy()).isEqualTo("CALLER");
        assertThat(vs.get(1).transferred()).isFalse();
    }

    @Test
    void a_call_sent_on_unanswered_overflows_and_a_waiting_one_is_open() {
        FactBatch b = new FactBatch();
        mapper.map(GenesysConversations.call("c4", T, "+4917100004")
                .queue("q1", at(0), at(120), "transfer").queue("q2", at(121), null, null).build(), b);
        List<QueueVisit> vs = visits(b).stream().sorted(java.util.Comparator.comparingInt(QueueVisit::visitSeq)).toList();
        assertThat(vs.get(0).outcome()).isEqualTo(Outcome.TIMEOUT);
        assertThat(vs.get(0).nextQueue()).isEqualTo("q2");
        assertThat(vs.get(0).waitSeconds()).isEqualTo(120);
        assertThat(vs.get(1).outcome()).isEqualTo(Outcome.OPEN);
        assertThat(vs.get(1).endedAt()).isNull();
    }

    @Test
    void conversations_never_queued_or_unreadable_give_no_visit() {
        FactBatch b = new FactBatch();
        assertThat(mapper.map(GenesysConversations.call("c5", T, "+4917100005").build(), b)).isTrue();
        assertThat(mapper.map(Json.createObjectBuilder().add("participants", "x").build(), b)).isFalse();
        assertThat(mapper.map(Json.createObjectBuilder().add("conversationId", "c6").add("participants",
                Json.createArrayBuilder().add(Json.createObjectBuilder().add("purpose", "acd").add("sessions",
                        Json.createArrayBuilder().add(Json.createObjectBuilder().add("segments", Json.createArrayBuilder()
                                .add(Json.createObjectBuilder().add("segmentType", "interact").add("queueId", "q1")
                                        .add("segmentStart", "yesterday"))))))).build(), b)).isFalse();
        assertThat(b.visits()).isEmpty();
    }
}
