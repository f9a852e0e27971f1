package io.queuelens.sources.genesys.control;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The WebSocket half of a loopback Genesys Cloud for tests: a small RFC 6455 server (text frames,
 * no extensions) on 127.0.0.1 that serves {@code ws://127.0.0.1:port/channels/{id}}. It sends
 * {@code channel.metadata} heartbeats every {@code heartbeatMillis}, publishes injected notifications
 * to the channels subscribed to their topic, announces {@code v2.system.socket_closing} before it
 * closes sockets, and can go silent (no heartbeats, no events) to test silence detection.
 */
public final class GenesysNotificationStandIn implements AutoCloseable {

    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private final ServerSocket server;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "genesys-ws-stand-in-heartbeat");
        t.setDaemon(true);
        return t;
    });
    private final List<Connection> connections = new CopyOnWriteArrayList<>();
    private final Map<String, Set<String>> subscriptions = new ConcurrentHashMap<>();
    private final AtomicInteger channels = new AtomicInteger();
    private final AtomicInteger accepted = new AtomicInteger();
    private volatile boolean silent;

    public GenesysNotificationStandIn(long heartbeatMillis) throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "genesys-ws-stand-in-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        timer.scheduleAtFixedRate(this::heartbeat, heartbeatMillis, heartbeatMillis, TimeUnit.MILLISECONDS);
    }

    /** A new channel's id and connectUri, as {@code POST /api/v2/notifications/channels} would give them. */
    public String newChannel() {
        return "channel-" + channels.incrementAndGet();
    }

    public URI connectUri(String channelId) {
        return URI.create("ws://127.0.0.1:" + server.getLocalPort() + "/channels/" + channelId);
    }

    /** Replaces the channel's topics (the subscriptions PUT). */
    public void subscribe(String channelId, List<String> topics) {
        subscriptions.put(channelId, Set.copyOf(topics));
    }

    public Set<String> topics(String channelId) {
        return subscriptions.getOrDefault(channelId, Set.of());
    }

    /** Sends {@code {topicName, version, eventBody, metadata}} to every open socket whose channel has the topic. */
    public int publish(String topic, JsonObject body) {
        String frame = Json.createObjectBuilder().add("topicName", topic).add("version", "2")
                .add("eventBody", body).add("metadata", Json.createObjectBuilder().add("CorrelationId", "standin"))
                .build().toString();
        int sent = 0;
        for (Connection c : connections) {
            if (topics(c.channelId).contains(topic) && c.send(frame)) {
                sent++;
            }
        }
        return sent;
    }

    /** Sends a raw text frame to every open socket (bad frames in tests). */
    public void sendRaw(String text) {
        connections.forEach(c -> c.send(text));
    }

    /** Announces the closing, then closes every open socket (as the service does about a minute later). */
    public void closeSockets(boolean announce) {
        for (Connection c : connections) {
            if (announce) {
                c.send("{\"topicName\":\"v2.system.socket_closing\",\"eventBody\":{\"message\":\"Socket closing\"}}");
            }
            c.close(1000);
        }
    }

    /** No heartbeats (and no published events) while silent: the socket stays open but says nothing. */
    public void silent(boolean quiet) {
        silent = quiet;
    }

    public int openSockets() {
        return (int) connections.stream().filter(c -> !c.closed).count();
    }

    /** Sockets accepted since the start (each recreation opens one more). */
    public int socketsAccepted() {
        return accepted.get();
    }

    /** Channel ids of the sockets open now. */
    public List<String> openChannels() {
        List<String> ids = new ArrayList<>();
        connections.stream().filter(c -> !c.closed).forEach(c -> ids.add(c.channelId));
        return ids;
    }

    private void heartbeat() {
        if (silent) {
            return;
        }
        for (Connection c : connections) {
            c.send("{\"topicName\":\"channel.metadata\",\"eventBody\":{\"message\":\"WebSocket Heartbeat\"}}");
        }
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                Thread t = new Thread(() -> serve(s), "genesys-ws-stand-in-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        Connection c = null;
        try {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            String request = line(in);
            String key = null;
            for (String h = line(in); !h.isEmpty(); h = line(in)) {
                int colon = h.indexOf(':');
                if (colon > 0 && h.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals("sec-websocket-key")) {
                    key = h.substring(colon + 1).trim();
                }
            }
            String[] parts = request.split(" ");
            if (key == null || parts.length < 2 || !parts[1].startsWith("/channels/")) {
                out.write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                socket.close();
                return;
            }
            out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: " + accept(key) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            c = new Connection(socket, parts[1].substring("/channels/".length()));
            connections.add(c);
            accepted.incrementAndGet();
            read(c, new DataInputStream(in));
        } catch (IOException e) {
            // the client went away
        } finally {
            if (c != null) {
                c.closed = true;
                connections.remove(c);
            }
            try {
                socket.close();
            } catch (IOException ignored) {
                // closed
            }
        }
    }

    /** Client frames: masked; answers pings and closes, ignores text (clients send nothing useful). */
    private void read(Connection c, DataInputStream in) throws IOException {
        while (!c.closed) {
            int b0 = in.readUnsignedByte();
            int b1 = in.readUnsignedByte();
            int opcode = b0 & 0x0F;
            long len = b1 & 0x7F;
            if (len == 126) {
                len = in.readUnsignedShort();
            } else if (len == 127) {
                len = in.readLong();
            }
            byte[] mask = new byte[4];
            if ((b1 & 0x80) != 0) {
                in.readFully(mask);
            }
            byte[] payload = new byte[(int) len];
            in.readFully(payload);
            for (int i = 0; i < payload.length; i++) {
                payload[i] ^= mask[i % 4];
            }
            if (opcode == 0x8) {
                c.close(1000);
                return;
            } else if (opcode == 0x9) {
                c.frame(0xA, payload);
            }
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int ch;
        while ((ch = in.read()) != -1) {
            if (ch == '\n') {
                break;
            }
            if (ch != '\r') {
                b.write(ch);
            }
        }
        if (ch == -1 && b.size() == 0) {
            throw new EOFException();
        }
        return b.toString(StandardCharsets.US_ASCII);
    }

    private static String accept(String key) {
        try {
            byte[] sha = MessageDigest.getInstance("SHA-1").digest((key + GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(sha);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private final class Connection {
        final Socket socket;
        final String channelId;
        volatile boolean closed;

        Connection(Socket socket, String channelId) {
            this.socket = socket;
            this.channelId = channelId;
        }

        boolean send(String text) {
            if (silent && !text.contains("socket_closing")) {
                return false;
            }
            return frame(0x1, text.getBytes(StandardCharsets.UTF_8));
        }

        synchronized boolean frame(int opcode, byte[] payload) {
            if (closed) {
                return false;
            }
            try {
                OutputStream out = socket.getOutputStream();
                out.write(0x80 | opcode);
                if (payload.length < 126) {
                    out.write(payload.length);
                } else if (payload.length < 65536) {
                    out.write(126);
                    out.write(payload.length >>> 8);
                    out.write(payload.length & 0xFF);
                } else {
                    out.write(127);
                    for (int i = 7; i >= 0; i--) {
                        out.write((int) ((long) payload.length >>> (8 * i)) & 0xFF);
                    }
                }
                out.write(payload);
                out.flush();
                return true;
            } catch (IOException e) {
                closed = true;
                return false;
            }
        }

        void close(int code) {
            frame(0x8, new byte[]{(byte) (code >>> 8), (byte) (code & 0xFF)});
            closed = true;
            connections.remove(this);
            try {
                socket.close();
            } catch (IOException ignored) {
                // closed
            }
        }
    }

    @Override
    public void close() throws IOException {
        timer.shutdownNow();
        for (Connection c : connections) {
            c.close(1001);
        }
        server.close();
    }
}
