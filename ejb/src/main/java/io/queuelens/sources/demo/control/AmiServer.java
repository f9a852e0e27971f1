package io.queuelens.sources.demo.control;

import io.queuelens.sources.demo.entity.AmiEndpoint;
import io.queuelens.sources.demo.entity.AmiMessage;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A small Asterisk Manager Interface server on a TCP port (loopback by default). It speaks AMI as
 * Asterisk 22 does (banner {@code Asterisk Call Manager/11.0.0}): MD5 challenge and plain login, the
 * list actions answered from an {@link AmiStateProvider}, and events pushed with {@link #broadcast}.
 * <p>
 * Each client gets a reader thread and a writer thread with a bounded outbox, so a slow client never
 * blocks the caller of {@link #broadcast}: a client whose outbox overflows is dropped with a log line.
 */
public final class AmiServer implements AutoCloseable {

    public static final String BANNER = "Asterisk Call Manager/11.0.0";
    public static final String ASTERISK_VERSION = "22.0.0";
    static final Logger LOG = Logger.getLogger(AmiServer.class.getName());

    private final String host;
    private final int requestedPort;
    private final String username;
    private final String secret;
    private final AmiStateProvider state;
    private final ThreadFactory threads;
    private final int outboxCapacity;
    private final List<AmiClientSession> clients = new CopyOnWriteArrayList<>();
    /** Sessions logged in now, and the most there ever were at once: a cluster must never log in twice. */
    private final java.util.Set<AmiClientSession> loggedIn = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.atomic.AtomicInteger maxLoggedIn = new java.util.concurrent.atomic.AtomicInteger();
    private final AtomicLong logins = new AtomicLong();
    private final AtomicLong eventsBroadcast = new AtomicLong();
    private final AtomicLong clientsDropped = new AtomicLong();
    private final long startedAtMillis = System.currentTimeMillis();
    private volatile ServerSocket serverSocket;
    private volatile boolean closed;

    public AmiServer(String host, int port, String username, String secret, AmiStateProvider state,
                     ThreadFactory threads, int outboxCapacity) {
        this.host = Objects.requireNonNull(host, "host");
        this.requestedPort = port;
        this.username = Objects.requireNonNull(username, "username");
        this.secret = Objects.requireNonNull(secret, "secret");
        this.state = Objects.requireNonNull(state, "state");
        this.threads = Objects.requireNonNull(threads, "threads");
        if (outboxCapacity < 16) {
            throw new IllegalArgumentException("outboxCapacity must be >= 16");
        }
        this.outboxCapacity = outboxCapacity;
    }

    /** Binds the port and starts accepting. Throws {@link java.net.BindException} when the port is taken. */
    public void start() throws IOException {
        ServerSocket socket = new ServerSocket();
        try {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(host), requestedPort), 50);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        serverSocket = socket;
        Thread acceptor = threads.newThread(this::acceptLoop);
        acceptor.setName("demo-ami-accept-" + socket.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
        LOG.log(Level.INFO, "Demo AMI server listening on {0}:{1,number,#}", new Object[]{host, socket.getLocalPort()});
    }

    private void acceptLoop() {
        ServerSocket socket = serverSocket;
        while (!closed) {
            try {
                Socket client = socket.accept();
                client.setTcpNoDelay(true);
                // keep kernel buffering per client small: the bounded outbox is what decides who is too slow
                client.setSendBufferSize(64 * 1024);
                AmiClientSession session = new AmiClientSession(this, client, outboxCapacity);
                clients.add(session);
                session.start(threads);
            } catch (SocketException e) {
                if (!closed) {
                    LOG.log(Level.WARNING, "Demo AMI server stopped accepting: {0}", e.getMessage());
                }
                return;
            } catch (IOException e) {
                LOG.log(Level.WARNING, "Demo AMI server could not accept a client: {0}", e.getMessage());
            }
        }
    }

    /** Sends an event to every logged-in client with events on; never blocks. */
    public void broadcast(AmiMessage event) {
        eventsBroadcast.incrementAndGet();
        if (clients.isEmpty()) {
            return;
        }
        byte[] frame = AmiFrameWriter.encodeBytes(event);
        for (AmiClientSession client : clients) {
            client.offerEvent(frame);
        }
    }

    void loggedIn(AmiClientSession session) {
        loggedIn.add(session);
        logins.incrementAndGet();
        maxLoggedIn.accumulateAndGet(loggedIn.size(), Math::max);
    }

    void loggedOut(AmiClientSession session) {
        loggedIn.remove(session);
    }

    void removed(AmiClientSession session, boolean dropped) {
        loggedOut(session);
        clients.remove(session);
        if (dropped) {
            clientsDropped.incrementAndGet();
        }
    }

    boolean credentialsMatch(String user, String plainSecret) {
        return username.equals(user) && constantTimeEquals(secret, plainSecret);
    }

    boolean keyMatches(String user, String challenge, String key) {
        return username.equals(user) && challenge != null && key != null
                && constantTimeEquals(Md5.hex(challenge + secret), key.toLowerCase(java.util.Locale.ROOT));
    }

    private static boolean constantTimeEquals(String a, String b) {
        return b != null && java.security.MessageDigest.isEqual(
                a.getBytes(java.nio.charset.StandardCharsets.UTF_8), b.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    AmiStateProvider state() {
        return state;
    }

    long uptimeSeconds() {
        return (System.currentTimeMillis() - startedAtMillis) / 1000;
    }

    /** The port actually bound (useful with port 0). */
    public int port() {
        ServerSocket socket = serverSocket;
        if (socket == null) {
            throw new IllegalStateException("AMI server not started");
        }
        return socket.getLocalPort();
    }

    public AmiEndpoint endpoint() {
        return new AmiEndpoint(host, port(), username, secret);
    }

    public boolean isListening() {
        ServerSocket socket = serverSocket;
        return socket != null && !socket.isClosed();
    }

    /** Clients connected now (logged in or not). */
    public int clientCount() {
        return clients.size();
    }

    /** Clients logged in now. */
    public int loggedInCount() {
        return loggedIn.size();
    }

    /** The most clients that were ever logged in at the same time. */
    public int maxLoggedIn() {
        return maxLoggedIn.get();
    }

    /** Successful logins so far. */
    public long logins() {
        return logins.get();
    }

    public long eventsBroadcast() {
        return eventsBroadcast.get();
    }

    public long clientsDropped() {
        return clientsDropped.get();
    }

    @Override
    public void close() {
        closed = true;
        ServerSocket socket = serverSocket;
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                LOG.log(Level.FINE, "closing AMI server socket", e);
            }
        }
        for (AmiClientSession client : clients) {
            client.close();
        }
        clients.clear();
    }
}
