package io.queuelens.live.boundary;

import io.queuelens.live.entity.LiveChanged;
import io.queuelens.live.entity.LiveSnapshot;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The hand-over between the live model, copies of another member's snapshots, and everything that reads them. */
class LiveSnapshotsTest {

    private final RecordingLiveSnapshots recorded = new RecordingLiveSnapshots();
    private final LiveSnapshots snapshots = recorded.snapshots;

    private static LiveSnapshot snapshot(long version, boolean connected, long atSecond) {
        return new LiveSnapshot("t", version, Instant.ofEpochSecond(atSecond), new TreeMap<>(), new TreeMap<>(), connected);
    }

    @Test
    void aModelsVersionsMustFollowOneAnother() {
        snapshots.publish(snapshot(1, true, 10));
        snapshots.publish(snapshot(2, true, 11));

        assertThatThrownBy(() -> snapshots.publish(snapshot(4, true, 12))).hasMessageContaining("jumps from version 2 to 4");
        assertThat(snapshots.of("t").version()).isEqualTo(2);
        assertThat(snapshots.followed("t")).isFalse();
    }

    @Test
    void copiesOfAnotherMembersSnapshotsGetThisMembersNextVersions() {
        snapshots.follow(snapshot(500, true, 10));
        snapshots.follow(snapshot(731, true, 11));

        assertThat(snapshots.of("t").version()).isEqualTo(2);
        assertThat(snapshots.of("t").at()).isEqualTo(Instant.ofEpochSecond(11));
        assertThat(snapshots.followed("t")).isTrue();
        assertThat(recorded.changes).extracting(c -> c.previous().version(), c -> c.current().version())
                .containsExactly(org.assertj.core.groups.Tuple.tuple(0L, 1L), org.assertj.core.groups.Tuple.tuple(1L, 2L));
    }

    @Test
    void aModelTakingOverFromCopiesContinuesTheirNumbering() {
        snapshots.follow(snapshot(500, true, 10));
        snapshots.follow(snapshot(501, true, 11));
        // the model started when the tenant came here: it read version 1, but a copy arrived meanwhile
        LiveSnapshot kept = snapshots.publish(snapshot(2, true, 12));

        assertThat(kept.version()).isEqualTo(3);
        assertThat(snapshots.followed("t")).isFalse();
        LiveChanged last = recorded.changes.get(recorded.changes.size() - 1);
        assertThat(last.previous().version()).isEqualTo(2);
        assertThat(last.current().at()).isEqualTo(Instant.ofEpochSecond(12));
        // from now on the model's own rule holds again
        assertThat(snapshots.publish(snapshot(4, true, 13)).version()).isEqualTo(4);
        assertThatThrownBy(() -> snapshots.publish(snapshot(4, true, 14))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void copiesAfterTheModelGoOnFromItsVersion() {
        snapshots.publish(snapshot(1, true, 10));
        snapshots.publish(snapshot(2, true, 11));
        // the tenant moved to another member: its snapshots come in now
        assertThat(snapshots.follow(snapshot(40, false, 12)).version()).isEqualTo(3);
        assertThat(snapshots.of("t").connected()).isFalse();
    }

    @Test
    void aCopyThatArrivesOnceTheTenantIsHeldHereDoesNotReplaceTheModelsSnapshot() {
        snapshots.follow(snapshot(500, true, 10));
        // the replication checked "not held" and took a copy from the grid; meanwhile this member took the tenant
        // over and its model published
        LiveSnapshot own = snapshots.publish(snapshot(1, true, 12));
        assertThat(snapshots.followUnlessHeld(snapshot(501, true, 11), t -> true)).isEmpty();
        assertThat(snapshots.of("t")).isEqualTo(own);
        assertThat(snapshots.followed("t")).isFalse();
        // where the tenant is not held, the copy is stored as before
        assertThat(snapshots.followUnlessHeld(snapshot(502, false, 13), t -> false)).hasValueSatisfying(
                stored -> assertThat(stored.version()).isEqualTo(own.version() + 1));
        assertThat(snapshots.followed("t")).isTrue();
    }
}
