package io.queuelens.cluster.control;

import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * How a component receives its {@link Frames byte frames} from the grid: handed over at once from
 * Hazelcast's event thread (shared by the whole grid, so it must not wait on the application) to the
 * component's own receiver thread, and there decoded, or dropped with a warning when unreadable (written
 * by a member of another version).
 */
public final class GridFrames {

    /** A frame format's decoder. */
    @FunctionalInterface
    public interface Decoder<T> {
        T decode(byte[] bytes) throws IOException;
    }

    private GridFrames() {
    }

    /** On Hazelcast's thread: gives the frame to {@code take} on {@code receiver}; dropped while this member stops. */
    public static void handOver(Executor receiver, byte[] frame, Consumer<byte[]> take, Logger log, String what) {
        try {
            receiver.execute(() -> take.accept(frame));
        } catch (RejectedExecutionException stopping) {
            log.log(Level.FINE, "{0} frame dropped: this member is stopping", what);
        }
    }

    /** The decoded frame, or empty (logged) when this member cannot read it. */
    public static <T> Optional<T> decodeOrLog(byte[] bytes, Decoder<T> decoder, Logger log, String what) {
        try {
            return Optional.of(decoder.decode(bytes));
        } catch (IOException e) {
            log.log(Level.WARNING, "Unreadable {0} from the grid (a member of another version?): {1}",
                    new Object[]{what, e.getMessage()});
            return Optional.empty();
        }
    }
}
