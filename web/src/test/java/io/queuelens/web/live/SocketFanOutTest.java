package io.queuelens.web.live;

import jakarta.websocket.Extension;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The fan-out against sockets shaped like Tyrus's (a remote endpoint whose {@code webSocket} field has
 * {@code sendRawFrame(ByteBuffer)}) and like something else (no such field: the public send path).
 */
class SocketFanOutTest {

    private final List<Session> open = Collections.synchronizedList(new ArrayList<>());
    private final ExecutorService helpers = Executors.newFixedThreadPool(3);

    @AfterEach
    void stop() {
        helpers.shutdownNow();
    }

    /** Tyrus's {@code TyrusWebSocket}: records raw frames; futures complete when the test says so. */
    public static final class RawSocket {
        final List<byte[]> frames = Collections.synchronizedList(new ArrayList<>());
        final List<CompletableFuture<Object>> futures = Collections.synchronizedList(new ArrayList<>());
        volatile boolean writeAtOnce = true;

        public Future<Object> sendRawFrame(ByteBuffer frame) {
            byte[] bytes = new byte[frame.remaining()];
            frame.get(bytes);
            frames.add(bytes);
            CompletableFuture<Object> f = new CompletableFuture<>();
            if (writeAtOnce) {
                f.complete(null);
            }
            futures.add(f);
            return f;
        }

        void writeAll() {
            futures.forEach(f -> f.complete(null));
        }
    }

    /** Tyrus's remote endpoint: the raw socket in a non-public field named {@code webSocket}. */
    static class TyrusLikeRemote implements RemoteEndpoint.Basic {
        private final RawSocket webSocket;

        TyrusLikeRemote(RawSocket webSocket) {
            this.webSocket = webSocket;
        }

        @Override public void sendText(String text) { throw new UnsupportedOperationException(); }
        @Override public void sendBinary(ByteBuffer data) { throw new UnsupportedOperationException(); }
        @Override public void sendText(String part, boolean isLast) { throw new UnsupportedOperationException(); }
        @Override public void sendBinary(ByteBuffer part, boolean isLast) { throw new UnsupportedOperationException(); }
        @Override public java.io.OutputStream getSendStream() { throw new UnsupportedOperationException(); }
        @Override public java.io.Writer getSendWriter() { throw new UnsupportedOperationException(); }
        @Override public void sendObject(Object data) { throw new UnsupportedOperationException(); }
        @Override public void setBatchingAllowed(boolean allowed) { throw new UnsupportedOperationException(); }
        @Override public boolean getBatchingAllowed() { return false; }
        @Override public void flushBatch() { throw new UnsupportedOperationException(); }
        @Override public void sendPing(ByteBuffer data) { throw new UnsupportedOperationException(); }
        @Override public void sendPong(ByteBuffer data) { throw new UnsupportedOperationException(); }
    }

    /** A socket: its audience in the user property OmniFaces uses, its sends recorded. */
    private static final class Fake {
        final RawSocket raw = new RawSocket();
        final List<String> plainTexts = Collections.synchronizedList(new ArrayList<>());
        final Map<String, Object> properties = new HashMap<>();
        List<Extension> extensions = List.of();
        boolean tyrusShaped = true;
        boolean isOpen = true;
        final Session session;

        Fake(String audience) {
            properties.put("user", audience);
            RemoteEndpoint.Async async = (RemoteEndpoint.Async) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[]{RemoteEndpoint.Async.class}, (p, m, a) -> {
                        if (m.getName().equals("sendText") && a.length == 1) {
                            plainTexts.add((String) a[0]);
                            return CompletableFuture.completedFuture(null);
                        }
                        throw new UnsupportedOperationException(m.getName());
                    });
            session = (Session) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{Session.class},
                    (p, m, a) -> switch (m.getName()) {
                        case "isOpen" -> isOpen;
                        case "getBasicRemote" -> tyrusShaped ? new TyrusLikeRemote(raw)
                                : Proxy.newProxyInstance(getClass().getClassLoader(),
                                new Class<?>[]{RemoteEndpoint.Basic.class}, (q, n, b) -> null);
                        case "getAsyncRemote" -> async;
                        case "getNegotiatedExtensions" -> extensions;
                        case "getUserProperties" -> properties;
                        case "getPathParameters" -> Map.of("channel", "live");
                        case "hashCode" -> System.identityHashCode(p);
                        case "equals" -> p == a[0];
                        case "toString" -> "fake socket of " + properties.get("user");
                        default -> throw new UnsupportedOperationException(m.getName());
                    });
        }

        List<String> texts() {
            List<String> all = new ArrayList<>(plainTexts);
            synchronized (raw.frames) {
                raw.frames.forEach(f -> all.add(decode(f)));
            }
            return all;
        }
    }

    private Fake connect(String audience) {
        Fake f = new Fake(audience);
        open.add(f.session);
        return f;
    }

    private SocketFanOut fanOut(int threads, int backlog) {
        return new SocketFanOut(() -> List.copyOf(open), SocketFanOut::omniFacesUser, helpers, threads, backlog);
    }

    /** The text of a server frame, checked against RFC 6455's layout on the way. */
    static String decode(byte[] frame) {
        assertThat(frame[0]).as("FIN + text opcode").isEqualTo((byte) 0x81);
        int len = frame[1] & 0x7f;
        assertThat(frame[1] & 0x80).as("a server's frame is not masked").isZero();
        int header = 2;
        long n = len;
        if (len == 126) {
            n = ((frame[2] & 0xff) << 8) | (frame[3] & 0xff);
            header = 4;
        } else if (len == 127) {
            n = ByteBuffer.wrap(frame, 2, 8).getLong();
            header = 10;
        }
        assertThat(frame.length - header).as("payload length").isEqualTo(n);
        return new String(frame, header, frame.length - header, StandardCharsets.UTF_8);
    }

    @Test
    void framesCarryTheTextWithEachLengthEncoding() {
        for (int size : new int[]{0, 5, 125, 126, 200, 65_535, 65_536, 70_000}) {
            String text = "é".repeat(size / 2) + "x".repeat(size % 2);
            byte[] frame = SocketFanOut.textFrame(text);
            int payload = text.getBytes(StandardCharsets.UTF_8).length;
            int expectedHeader = payload < 126 ? 2 : payload < 65_536 ? 4 : 10;
            assertThat(frame.length).as("frame of %d bytes", payload).isEqualTo(expectedHeader + payload);
            assertThat(decode(frame)).isEqualTo(text);
        }
    }

    @Test
    void anAudienceGetsTheFrameOnceAndOthersNothing() {
        Fake a1 = connect("a");
        Fake a2 = connect("a");
        Fake b = connect("b");
        Fake nobody = connect(null);
        SocketFanOut fanOut = fanOut(2, 4);

        assertThat(fanOut.send("a", "{\"x\":1}")).isEqualTo(2);

        assertThat(a1.raw.frames).hasSize(1);
        assertThat(a1.texts()).containsExactly("{\"x\":1}");
        assertThat(a2.texts()).containsExactly("{\"x\":1}");
        assertThat(a1.plainTexts).as("the raw path, not the public one").isEmpty();
        assertThat(b.texts()).isEmpty();
        assertThat(nobody.texts()).isEmpty();
        assertThat(fanOut.send("c", "none")).isZero();
    }

    @Test
    void socketsAreLookedUpAgainOnlyWhenToldTheyChanged() {
        Fake first = connect("a");
        SocketFanOut fanOut = fanOut(1, 4);
        fanOut.send("a", "1");
        Fake later = connect("a");
        first.isOpen = false;
        fanOut.send("a", "2");
        assertThat(later.texts()).as("not yet looked up").isEmpty();

        fanOut.socketsChanged();
        fanOut.send("a", "3");
        assertThat(later.texts()).containsExactly("3");
        assertThat(first.texts()).as("closed: left out").containsExactly("1", "2");
        assertThat(fanOut.size("a")).isEqualTo(1);
    }

    @Test
    void aSlowSocketHoldsAtMostTheBacklogAndCatchesUpAfterwards() {
        Fake slow = connect("a");
        Fake quick = connect("a");
        slow.raw.writeAtOnce = false;
        SocketFanOut fanOut = fanOut(1, 3);

        for (int i = 1; i <= 10; i++) {
            fanOut.send("a", "m" + i);
        }
        assertThat(slow.texts()).as("three frames unwritten at most").containsExactly("m1", "m2", "m3");
        assertThat(quick.texts()).hasSize(10);
        assertThat(fanOut.dropped()).isEqualTo(7);

        slow.raw.writeAll(); // the client read them
        slow.raw.writeAtOnce = true;
        fanOut.send("a", "m11");
        assertThat(slow.texts()).as("the next frame goes out; the browser sees the version gap and reloads")
                .containsExactly("m1", "m2", "m3", "m11");
    }

    @Test
    void aSocketNotShapedLikeTyrusGetsThePublicSend() {
        Fake other = connect("a");
        other.tyrusShaped = false;
        Fake deflated = connect("a");
        deflated.extensions = List.of(new Extension() {
            @Override
            public String getName() {
                return "permessage-deflate";
            }

            @Override
            public List<Parameter> getParameters() {
                return List.of();
            }
        });
        SocketFanOut fanOut = fanOut(1, 2);

        assertThat(fanOut.send("a", "hello")).isEqualTo(2);
        assertThat(other.plainTexts).containsExactly("hello");
        assertThat(deflated.plainTexts).as("its frames would need compressing").containsExactly("hello");
        assertThat(deflated.raw.frames).isEmpty();
    }

    @Test
    void manySocketsAreSharedAmongThreadsEachGettingEveryFrameOnceInOrder() {
        List<Fake> all = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            all.add(connect(i % 10 == 0 ? "other" : "a"));
        }
        SocketFanOut fanOut = fanOut(3, 4);
        Set<String> threads = Collections.synchronizedSet(new java.util.HashSet<>());
        for (int m = 0; m < 5; m++) {
            assertThat(fanOut.send("a", "m" + m)).isEqualTo(900);
        }
        for (Fake f : all) {
            if ("a".equals(f.properties.get("user"))) {
                assertThat(f.texts()).containsExactly("m0", "m1", "m2", "m3", "m4");
            } else {
                assertThat(f.texts()).isEmpty();
            }
        }
        SocketFanOut oneThread = new SocketFanOut(() -> List.copyOf(open), SocketFanOut::omniFacesUser,
                r -> { throw new AssertionError("one thread must not hand over"); }, 1, 4);
        assertThat(oneThread.send("a", "solo")).isEqualTo(900);
        SocketFanOut shared = new SocketFanOut(() -> List.copyOf(open), SocketFanOut::omniFacesUser,
                r -> { threads.add("helper"); helpers.execute(r); }, 3, 4);
        assertThat(shared.send("a", "shared")).isEqualTo(900);
        assertThat(threads).containsExactly("helper");
    }

    @Test
    void badSettingsAreRefused() {
        assertThatThrownBy(() -> fanOut(0, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> fanOut(2, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
