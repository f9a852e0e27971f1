package io.queuelens.it.support;

import io.queuelens.sources.demo.control.AmiServer;
import io.queuelens.sources.demo.control.ContactCenterSimulation;
import io.queuelens.sources.demo.control.PbxListener;
import io.queuelens.sources.demo.entity.AmiMessage;
import io.queuelens.sources.demo.entity.QueueDefinition;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

/**
 * A PBX for the live ITs, in the test JVM: the demo's contact-center simulation (the demo's queues and
 * agents; each test gives it a tenant of its own) behind the demo's real AMI server on a fixed loopback port. The test advances simulated time, kills the AMI server and brings it back on the
 * same port, or sends frames of its own. An optional relay in front of it can freeze its connections
 * (bytes stop in both directions, nothing is closed): a stalled peer.
 */
public final class SimulatedPbx implements AutoCloseable {

    public static final String USER = "itlive";

    private final String secret = "it-" + java.util.UUID.randomUUID();
    private final ContactCenterSimulation simulation;
    private final int port;
    private volatile AmiServer server;
    private volatile Instant simNow;
    private Relay relay;

    public SimulatedPbx(long seed) throws IOException {
        List<QueueDefinition> queues = QueueDefinition.defaults();
        // a Monday mid-morning (UTC): agents logged in and callers arriving from the first minutes on
        // (on a weekend only a few agents work)
        simNow = java.time.LocalDate.of(2026, 11, 23).atTime(9, 30).toInstant(ZoneOffset.UTC);
        simulation = new ContactCenterSimulation(seed, simNow, ZoneOffset.UTC, 20, queues, new PbxListener() {
            @Override
            public void amiEvent(AmiMessage event) {
                AmiServer s = server;
                if (s != null) {
                    s.broadcast(event);
                }
            }
        });
        AmiServer first = newServer(0);
        port = first.port();
        server = first;
    }

    private AmiServer newServer(int p) throws IOException {
        AmiServer s = new AmiServer("127.0.0.1", p, USER, secret, simulation, Executors.defaultThreadFactory(), 100_000);
        s.start();
        return s;
    }

    public int port() {
        return port;
    }

    public String secret() {
        return secret;
    }

    /** Moves simulated time on; the events go to the connected clients as they happen. */
    public void advance(Duration d) {
        simNow = simNow.plus(d);
        simulation.advanceTo(simNow);
    }

    /** The AMI server dies: connections are closed, the port is free. The PBX itself goes on. */
    public void kill() {
        AmiServer s = server;
        server = null;
        if (s != null) {
            s.close();
        }
    }

    /** The AMI server is back on the same port, with the same login. */
    public void revive() throws IOException {
        server = newServer(port);
    }

    /** Sends frames exactly as given to every logged-in client. */
    public void send(AmiMessage frame) {
        AmiServer s = server;
        if (s != null) {
            s.broadcast(frame);
        }
    }

    /** Clients logged in to the AMI server now. */
    public int loggedIn() {
        AmiServer s = server;
        return s == null ? 0 : s.loggedInCount();
    }

    /** The most clients the AMI server ever had logged in at once (since it last started). */
    public int maxConcurrentLogins() {
        AmiServer s = server;
        return s == null ? 0 : s.maxLoggedIn();
    }

    /** Successful logins to the AMI server (since it last started). */
    public long logins() {
        AmiServer s = server;
        return s == null ? 0 : s.logins();
    }

    public int clients() {
        AmiServer s = server;
        return s == null ? 0 : s.clientCount();
    }

    /**
     * The PBX's truth as a QueueStatus answer gives it, folded the way a supervisor reads it:
     * queue -> waiting uniqueids in position order, and member interface -> state name.
     */
    public Truth truth() {
        Map<String, List<String>> waiting = new TreeMap<>();
        Map<String, String> members = new TreeMap<>();
        Map<String, TreeSet<String>> memberQueues = new TreeMap<>();
        for (AmiMessage m : simulation.queueStatus(null, null)) {
            switch (m.eventName()) {
                case "QueueParams" -> waiting.computeIfAbsent(m.get("Queue"), k -> new java.util.ArrayList<>());
                case "QueueEntry" -> waiting.computeIfAbsent(m.get("Queue"), k -> new java.util.ArrayList<>()).add(m.get("Uniqueid"));
                case "QueueMember" -> {
                    memberQueues.computeIfAbsent(m.get("Location"), k -> new TreeSet<>()).add(m.get("Queue"));
                    members.put(m.get("Location"), state(m));
                }
                default -> { }
            }
        }
        return new Truth(waiting, members, memberQueues.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> List.copyOf(e.getValue()), (a, b) -> a, TreeMap::new)));
    }

    /** MemberState's precedence: on a call, ringing, paused, unavailable, available. */
    static String state(AmiMessage member) {
        int status = Integer.parseInt(member.get("Status"));
        if ("1".equals(member.get("InCall")) || status == 2 || status == 3 || status == 7 || status == 8) {
            return "ON_CALL";
        }
        if (status == 6) {
            return "RINGING";
        }
        if ("1".equals(member.get("Paused"))) {
            return "PAUSED";
        }
        if (status == 0 || status == 4 || status == 5) {
            return "UNAVAILABLE";
        }
        return "AVAILABLE";
    }

    /** What a live snapshot must show for this PBX. */
    public record Truth(Map<String, List<String>> waiting, Map<String, String> memberStates,
                        Map<String, List<String>> memberQueues) {
    }

    /** A relay in front of the AMI port whose existing connections can be frozen; returns its port. */
    public synchronized int relay() throws IOException {
        if (relay == null) {
            relay = new Relay(port);
        }
        return relay.socket.getLocalPort();
    }

    /** Every connection through the relay now stops passing bytes, both ways, without being closed. */
    public void freezeRelay() {
        relay.freezeAll();
    }

    public int relayedConnections() {
        return relay == null ? 0 : relay.pipes.size();
    }

    @Override
    public void close() throws IOException {
        kill();
        if (relay != null) {
            relay.close();
        }
    }

    private static final class Relay implements AutoCloseable {
        final ServerSocket socket = new ServerSocket();
        final int target;
        final List<Pipe> pipes = new CopyOnWriteArrayList<>();

        Relay(int target) throws IOException {
            this.target = target;
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            Thread t = new Thread(this::accept, "it-ami-relay");
            t.setDaemon(true);
            t.start();
        }

        private void accept() {
            while (!socket.isClosed()) {
                try {
                    Socket client = socket.accept();
                    Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
                    Pipe p = new Pipe(client, upstream);
                    pipes.add(p);
                    p.start();
                } catch (IOException e) {
                    return;
                }
            }
        }

        void freezeAll() {
            pipes.forEach(p -> p.frozen = true);
        }

        @Override
        public void close() throws IOException {
            socket.close();
            for (Pipe p : pipes) {
                p.close();
            }
        }
    }

    private static final class Pipe {
        final Socket a;
        final Socket b;
        volatile boolean frozen;

        Pipe(Socket a, Socket b) {
            this.a = a;
            this.b = b;
        }

        void start() {
            pump(a, b, "it-relay-up");
            pump(b, a, "it-relay-down");
        }

        private void pump(Socket from, Socket to, String name) {
            Thread t = new Thread(() -> {
                byte[] buf = new byte[8192];
                try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                    int n;
                    while ((n = in.read(buf)) >= 0) {
                        while (frozen) {
                            Thread.sleep(100); // hold the bytes: the other side sees silence, not a close
                        }
                        out.write(buf, 0, n);
                        out.flush();
                    }
                } catch (IOException | InterruptedException e) {
                    // one side closed
                } finally {
                    if (!frozen) {
                        close();
                    }
                }
            }, name);
            t.setDaemon(true);
            t.start();
        }

        void close() {
            try {
                a.close();
                b.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
