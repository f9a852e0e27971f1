package io.queuelens.live.control;

import io.queuelens.kpi.entity.QueueTotals;
import io.queuelens.live.entity.LiveMember;
import io.queuelens.live.entity.LiveQueue;
import io.queuelens.live.entity.LiveSnapshot;
import io.queuelens.live.entity.MemberState;
import io.queuelens.live.entity.WaitingCaller;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A snapshot read back from its frame is the snapshot written, to the last counter, name and nanosecond. */
class LiveSnapshotCodecTest {

    static final Instant T0 = Instant.parse("2026-12-04T09:15:30.123456789Z");

    /** A snapshot with every kind of content: queues with and without callers, members in every state. */
    static LiveSnapshot fullSnapshot(String tenant, long version, int waitingInSales) {
        TreeMap<String, LiveQueue> queues = new TreeMap<>();
        List<WaitingCaller> callers = new java.util.ArrayList<>();
        for (int i = 0; i < waitingInSales; i++) {
            callers.add(new WaitingCaller("sales", "1700000." + i, i % 2 == 0 ? "+4930" + i : null,
                    i % 3 == 0 ? "Çağrı Müşteri " + i : null, i + 1, T0.minusSeconds(30 - i)));
        }
        long[] t = new long[22];
        for (int i = 0; i < t.length; i++) {
            t[i] = 1000L * i + 7;
        }
        QueueTotals today = new QueueTotals(t[0], t[1], t[2], t[3], t[4], t[5], t[6], t[7], t[8], t[9], t[10], t[11],
                t[12], t[13], t[14], t[15], t[16], t[17], t[18], t[19], t[20], t[21]);
        queues.put("sales", new LiveQueue("sales", callers, 2, 3, 1, 7, today));
        queues.put("support", new LiveQueue("support", List.of(), 0, 0, 0, 0, QueueTotals.ZERO));
        TreeMap<String, LiveMember> members = new TreeMap<>();
        members.put("PJSIP/201", new LiveMember("PJSIP/201", "Алия", Set.of("sales", "support"), MemberState.PAUSED,
                T0.minusSeconds(300), "Обед", null, null, 12));
        members.put("PJSIP/202", new LiveMember("PJSIP/202", null, Set.of("sales"), MemberState.ON_CALL,
                T0.minusMillis(1500), null, "+49301234", "sales", 0));
        members.put("Local/203@agents", new LiveMember("Local/203@agents", "João", Set.of(), MemberState.UNAVAILABLE,
                T0, null, null, null, 3));
        return new LiveSnapshot(tenant, version, T0, queues, members, true);
    }

    @Test
    void aFullSnapshotSurvivesTheRoundTrip() throws IOException {
        LiveSnapshot s = fullSnapshot("acme", 4711, 5);

        LiveSnapshotCodec.Frame back = LiveSnapshotCodec.decode(LiveSnapshotCodec.encode("member-a", s));

        assertThat(back.origin()).isEqualTo("member-a");
        assertThat(back.snapshot()).isEqualTo(s);
        assertThat(back.snapshot().queues().get("sales").waiting()).extracting(WaitingCaller::callerName)
                .containsExactly("Çağrı Müşteri 0", null, null, "Çağrı Müşteri 3", null);
        assertThat(back.snapshot().queues().get("sales").today().maxWaitHolders()).isEqualTo(21_007);
        assertThat(back.snapshot().members().get("PJSIP/201").pauseReason()).isEqualTo("Обед");
    }

    @Test
    void anEmptyDisconnectedSnapshotSurvivesTheRoundTrip() throws IOException {
        LiveSnapshot s = LiveSnapshot.empty("t", T0);

        assertThat(LiveSnapshotCodec.decode(LiveSnapshotCodec.encode("m", s)).snapshot()).isEqualTo(s);
    }

    @Test
    void framesOfAnotherFormatOrCutShortAreRefused() {
        byte[] frame = LiveSnapshotCodec.encode("m", fullSnapshot("t", 1, 2));
        byte[] otherFormat = frame.clone();
        otherFormat[0] = (byte) (LiveSnapshotCodec.FORMAT + 1);

        assertThatThrownBy(() -> LiveSnapshotCodec.decode(otherFormat)).isInstanceOf(IOException.class)
                .hasMessageContaining("format");
        assertThatThrownBy(() -> LiveSnapshotCodec.decode(Arrays.copyOf(frame, frame.length - 3)))
                .isInstanceOf(IOException.class);
    }
}
