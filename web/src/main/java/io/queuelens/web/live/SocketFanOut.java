package io.queuelens.web.live;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.websocket.Session;
import org.omnifaces.cdi.push.SocketSessionManager;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sends one text message to all sockets of an audience, encoded once, from several threads. The one
 * place that knows Tyrus's and OmniFaces' internals, so an upgrade of either breaks here only:
 * <ul>
 * <li>OmniFaces keeps the open sockets of all channels in {@code SocketSessionManager.socketSessions}
 * (channel id to sessions) and writes a socket's channel user into its user property {@code user}
 * ({@link #omniFacesSockets}, {@link #omniFacesUser}); if that map cannot be read, the caller is told
 * ({@link #omniFacesSockets} throws) and sends through OmniFaces' {@code PushContext} instead;</li>
 * <li>Tyrus's {@code TyrusWebSocket.sendRawFrame}, reached through the remote endpoint's {@code webSocket}
 * field, writes a frame we encoded once for all, and skips what costs most per send on the public path
 * ({@code getAsyncRemote().sendText}): the idle-timeout task Tyrus schedules on every send and the
 * context Payara captures for it (STACK-NOTES: ~75-80 us per socket, raw ~15-20 us). When Tyrus
 * changes shape, or a socket negotiated an extension that would need its frames transformed, that
 * socket gets the public path, and the reason is logged once.</li>
 * </ul>
 *
 * <p>A slow socket holds at most {@code backlog} frames not yet written; further frames are dropped
 * for it (counted). Nothing else is needed to resync: every delta names the version it starts from,
 * and the browser reloads the whole state when a delta does not continue its version.
 *
 * <p>Which audience (today a tenant) a socket belongs to is a function given by the caller, so an
 * audience can become (tenant, queues a user may see) without touching this class.
 */
final class SocketFanOut {

    private static final Logger LOG = Logger.getLogger(SocketFanOut.class.getName());
    /** Below this many sockets per thread, one thread sends them all (handing over costs more). */
    static final int MIN_PER_THREAD = 250;

    private final Supplier<Collection<Session>> openSockets;
    private final Function<Session, Object> audienceOf;
    private final Executor helpers;
    private final int threads;
    private final int backlog;
    private final Map<Session, Socket> known = new ConcurrentHashMap<>();
    private final AtomicBoolean changed = new AtomicBoolean(true);
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicBoolean warnedPlain = new AtomicBoolean();
    private final AtomicBoolean toldRaw = new AtomicBoolean();
    private volatile Map<Object, List<Socket>> audiences = Map.of();

    /**
     * @param openSockets every open socket of the channel (asked again after {@link #socketsChanged})
     * @param audienceOf  the audience a socket belongs to (null: none, it gets nothing)
     * @param helpers     runs the other threads' shares of a send
     * @param threads     how many threads send one message (the caller's included)
     * @param backlog     frames a socket may have unwritten before further ones are dropped for it
     */
    SocketFanOut(Supplier<Collection<Session>> openSockets, Function<Session, Object> audienceOf, Executor helpers,
                 int threads, int backlog) {
        if (threads < 1 || backlog < 1) {
            throw new IllegalArgumentException("threads and backlog must be at least 1: " + threads + ", " + backlog);
        }
        this.openSockets = openSockets;
        this.audienceOf = audienceOf;
        this.helpers = helpers;
        this.threads = threads;
        this.backlog = backlog;
    }

    /** A socket opened, closed or changed its audience: the next send looks the sockets up again. */
    void socketsChanged() {
        changed.set(true);
    }

    /** Frames not sent to a socket because it had {@code backlog} frames unwritten. */
    long dropped() {
        return dropped.get();
    }

    /** The number of sockets of {@code audience} (as of the last look-up). */
    int size(Object audience) {
        return sockets(audience).size();
    }

    /**
     * Sends {@code text} to every socket of {@code audience} and returns when each has been written or
     * queued (so two sends to an audience reach each socket in order). Returns how many sockets took it.
     */
    int send(Object audience, String text) {
        List<Socket> targets = sockets(audience);
        if (targets.isEmpty()) {
            return 0;
        }
        byte[] frame = textFrame(text);
        int parts = Math.max(1, Math.min(threads, targets.size() / MIN_PER_THREAD));
        if (parts == 1) {
            return sendAll(targets, frame, text);
        }
        int per = (targets.size() + parts - 1) / parts;
        List<CompletableFuture<Integer>> others = new ArrayList<>();
        for (int p = 1; p < parts; p++) {
            List<Socket> share = targets.subList(Math.min(targets.size(), p * per), Math.min(targets.size(), (p + 1) * per));
            others.add(CompletableFuture.supplyAsync(() -> sendAll(share, frame, text), helpers));
        }
        int sent = sendAll(targets.subList(0, Math.min(targets.size(), per)), frame, text);
        for (CompletableFuture<Integer> f : others) {
            sent += f.join();
        }
        return sent;
    }

    private int sendAll(List<Socket> share, byte[] frame, String text) {
        int sent = 0;
        for (Socket s : share) {
            if (s.offer(frame, text)) {
                sent++;
            }
        }
        return sent;
    }

    private synchronized List<Socket> sockets(Object audience) {
        // under the lock: a send that starts after a socket opened waits for the look-up that includes it
        if (changed.getAndSet(false)) {
            regroup();
        }
        return audiences.getOrDefault(audience, List.of());
    }

    private void regroup() {
        Map<Object, List<Socket>> grouped = new HashMap<>();
        Map<Session, Boolean> seen = new HashMap<>();
        for (Session session : openSockets.get()) {
            Object audience = session.isOpen() ? audienceOf.apply(session) : null;
            if (audience != null) {
                seen.put(session, Boolean.TRUE);
                grouped.computeIfAbsent(audience, k -> new ArrayList<>()).add(known.computeIfAbsent(session, this::socket));
            }
        }
        known.keySet().removeIf(s -> !seen.containsKey(s));
        audiences = grouped;
    }

    private Socket socket(Session session) {
        Raw raw = null;
        String plainBecause = null;
        if (!session.getNegotiatedExtensions().isEmpty()) {
            plainBecause = "it negotiated extensions " + session.getNegotiatedExtensions();
        } else {
            try {
                raw = Raw.of(session);
            } catch (ReflectiveOperationException | RuntimeException e) {
                plainBecause = "Tyrus's raw frame send was not found (" + e + "); has Tyrus been upgraded?";
            }
        }
        if (raw != null && toldRaw.compareAndSet(false, true)) {
            LOG.info("Live push writes each push, encoded once, through Tyrus's raw frame send");
        }
        if (plainBecause != null && warnedPlain.compareAndSet(false, true)) {
            LOG.log(Level.WARNING, "Live push: sockets get one send each on the slower public path because {0}",
                    plainBecause);
        }
        return new Socket(session, raw);
    }

    /**
     * Every open socket of OmniFaces channel {@code channel}, read from OmniFaces' application-scoped
     * {@code SocketSessionManager} (the contextual instance, not its proxy, through the standard CDI
     * context). Throws, with the reason, when OmniFaces no longer keeps them where this looks.
     */
    static Supplier<Collection<Session>> omniFacesSockets(BeanManager beans, String channel) {
        Field field;
        try {
            field = SocketSessionManager.class.getDeclaredField("socketSessions");
            field.setAccessible(true);
        } catch (NoSuchFieldException | RuntimeException e) {
            throw new IllegalStateException("OmniFaces' SocketSessionManager.socketSessions was not found (" + e
                    + "); has OmniFaces been upgraded?", e);
        }
        Bean<?> bean = beans.resolve(beans.getBeans(SocketSessionManager.class));
        if (bean == null) {
            throw new IllegalStateException("no CDI bean SocketSessionManager: OmniFaces' push is not active");
        }
        return () -> {
            Object manager = beans.getContext(ApplicationScoped.class).get(bean); // null until a first socket
            if (manager == null) {
                return List.of();
            }
            Map<?, ?> byChannelId;
            try {
                byChannelId = (Map<?, ?>) field.get(manager);
            } catch (IllegalAccessException | ClassCastException e) {
                throw new IllegalStateException("OmniFaces' socket sessions could not be read", e);
            }
            List<Session> open = new ArrayList<>();
            for (Object sessions : byChannelId.values()) {
                for (Object o : (Collection<?>) sessions) {
                    Session s = (Session) o;
                    if (channel.equals(s.getPathParameters().get("channel"))) {
                        open.add(s);
                    }
                }
            }
            return open;
        };
    }

    /** The user OmniFaces registered a socket's channel for ({@code <o:socket user>}), or null. */
    static Object omniFacesUser(Session session) {
        return session.getUserProperties().get("user");
    }

    /** An unmasked, unfragmented WebSocket text frame (RFC 6455 5.2): what a server sends. */
    static byte[] textFrame(String text) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        int n = payload.length;
        int header = n < 126 ? 2 : n < 65_536 ? 4 : 10;
        byte[] frame = new byte[header + n];
        frame[0] = (byte) 0x81; // FIN, opcode 1 (text)
        if (n < 126) {
            frame[1] = (byte) n;
        } else if (n < 65_536) {
            frame[1] = 126;
            frame[2] = (byte) (n >>> 8);
            frame[3] = (byte) n;
        } else {
            frame[1] = 127;
            for (int i = 0; i < 8; i++) {
                frame[2 + i] = (byte) ((long) n >>> (56 - 8 * i));
            }
        }
        System.arraycopy(payload, 0, frame, header, n);
        return frame;
    }

    /**
     * Field {@code name} declared by {@code type} or a superclass, made accessible: how this package reaches the
     * container's internals (Tyrus's here, Payara's in SocketWriteBuffer).
     */
    static Field declaredField(Class<?> type, String name) throws NoSuchFieldException {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            try {
                Field f = c.getDeclaredField(name);
                f.setAccessible(true);
                return f;
            } catch (NoSuchFieldException e) {
                // declared higher up
            }
        }
        throw new NoSuchFieldException(type.getName() + "." + name);
    }

    /** Tyrus's raw send of one socket: {@code remote.webSocket.sendRawFrame(ByteBuffer)}. */
    record Raw(Object webSocket, Method sendRawFrame) {

        static Raw of(Session session) throws ReflectiveOperationException {
            Object remote = session.getBasicRemote();
            Field field = declaredField(remote.getClass(), "webSocket");
            Object webSocket = Objects.requireNonNull(field.get(remote), "webSocket");
            Method send = webSocket.getClass().getMethod("sendRawFrame", ByteBuffer.class);
            if (!Future.class.isAssignableFrom(send.getReturnType())) {
                throw new NoSuchMethodException("sendRawFrame returns " + send.getReturnType() + ", not a Future");
            }
            return new Raw(webSocket, send);
        }

        Future<?> send(byte[] frame) throws ReflectiveOperationException {
            return (Future<?>) sendRawFrame.invoke(webSocket, ByteBuffer.wrap(frame));
        }
    }

    /** One socket and its frames not yet written (they complete in the order they were sent). */
    private final class Socket {
        final Session session;
        final Raw raw;
        private final ArrayDeque<Future<?>> unwritten = new ArrayDeque<>(4);

        Socket(Session session, Raw raw) {
            this.session = session;
            this.raw = raw;
        }

        synchronized boolean offer(byte[] frame, String text) {
            while (!unwritten.isEmpty() && unwritten.peekFirst().isDone()) {
                unwritten.pollFirst();
            }
            if (unwritten.size() >= backlog) {
                dropped.incrementAndGet();
                return false;
            }
            try {
                unwritten.addLast(raw != null ? raw.send(frame) : session.getAsyncRemote().sendText(text));
                return true;
            } catch (ReflectiveOperationException | RuntimeException e) {
                // closed under our feet (its close event regroups), or the raw send failed: not fatal for the others
                LOG.log(Level.FINE, "Live push to a socket failed", e);
                return false;
            }
        }
    }
}
