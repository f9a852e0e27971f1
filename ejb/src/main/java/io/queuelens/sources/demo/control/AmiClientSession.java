package io.queuelens.sources.demo.control;

import io.queuelens.sources.demo.entity.AmiMessage;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;

/**
 * One AMI client: a reader thread that answers actions and a writer thread that drains a bounded
 * outbox. Responses and events share the outbox so they reach the client in order.
 */
final class AmiClientSession {

    private static final SecureRandom CHALLENGES = new SecureRandom();
    private static final byte[] CLOSE = new byte[0];

    private final AmiServer server;
    private final Socket socket;
    private final BlockingQueue<byte[]> outbox;
    private final String remote;
    private volatile boolean loggedIn;
    private volatile boolean eventsOn = true;
    private volatile boolean closed;
    private String challenge;

    AmiClientSession(AmiServer server, Socket socket, int outboxCapacity) {
        this.server = server;
        this.socket = socket;
        this.outbox = new ArrayBlockingQueue<>(outboxCapacity);
        this.remote = String.valueOf(socket.getRemoteSocketAddress());
    }

    void start(ThreadFactory threads) {
        outbox.add((AmiServer.BANNER + "\r\n").getBytes(StandardCharsets.UTF_8));
        Thread writer = threads.newThread(this::writeLoop);
        writer.setName("demo-ami-write " + remote);
        writer.setDaemon(true);
        Thread reader = threads.newThread(this::readLoop);
        reader.setName("demo-ami-read " + remote);
        reader.setDaemon(true);
        writer.start();
        reader.start();
    }

    void offerEvent(byte[] frame) {
        if (!loggedIn || !eventsOn || closed) {
            return;
        }
        if (!outbox.offer(frame)) {
            AmiServer.LOG.log(Level.WARNING, "Demo AMI client {0} is too slow ({1,number,#} frames waiting): dropping it",
                    new Object[]{remote, outbox.size()});
            drop(true);
        }
    }

    private void send(AmiMessage message) {
        if (!outbox.offer(AmiFrameWriter.encodeBytes(message))) {
            AmiServer.LOG.log(Level.WARNING, "Demo AMI client {0} is too slow to take its responses: dropping it", remote);
            drop(true);
        }
    }

    private void readLoop() {
        // not closed here: closing a socket's stream closes the socket before the writer sent e.g. Goodbye
        try {
            AmiFrameReader reader = new AmiFrameReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            AmiMessage action;
            while (!closed && (action = reader.read()) != null) {
                if (!handle(action)) {
                    break;
                }
            }
        } catch (IOException e) {
            if (!closed) {
                AmiServer.LOG.log(Level.FINE, "Demo AMI client {0} read failed: {1}", new Object[]{remote, e.getMessage()});
            }
        } finally {
            finish();
        }
    }

    /** Answers one action; false closes the session after what was queued is written. */
    boolean handle(AmiMessage action) {
        String name = action.actionName();
        String actionId = action.get("ActionID");
        if (name == null) {
            send(error(actionId, "Missing action in request"));
            return true;
        }
        switch (name.toLowerCase(Locale.ROOT)) {
            case "challenge":
                return challenge(action, actionId);
            case "login":
                return login(action, actionId);
            case "logoff":
                send(AmiMessage.response("Goodbye").add("ActionID", actionId).add("Message", "Thanks for all the fish.").build());
                return false;
            default:
                break;
        }
        if (!loggedIn) {
            send(error(actionId, "Authentication Required"));
            return true;
        }
        switch (name.toLowerCase(Locale.ROOT)) {
            case "ping" -> send(AmiMessage.response("Success").add("ActionID", actionId).add("Ping", "Pong")
                    .add("Timestamp", String.format(Locale.ROOT, "%.6f", System.currentTimeMillis() / 1000.0)).build());
            case "events" -> events(action, actionId);
            case "coresettings" -> send(coreSettings(actionId));
            case "command" -> send(command(action, actionId));
            case "queuestatus" -> server.state().answerInOrder(() -> sendList(actionId, "Queue status will follow",
                    "QueueStatusComplete",
                    server.state().queueStatus(blankToNull(action.get("Queue")), blankToNull(action.get("Member")))));
            case "queuesummary" -> server.state().answerInOrder(() -> sendList(actionId, "Queue summary will follow",
                    "QueueSummaryComplete", server.state().queueSummary(blankToNull(action.get("Queue")))));
            case "coreshowchannels" -> server.state().answerInOrder(() -> sendList(actionId, "Channels will follow",
                    "CoreShowChannelsComplete", server.state().coreShowChannels()));
            default -> send(error(actionId, "Invalid/unknown command: " + name
                    + ". Use Action: ListCommands to show available commands."));
        }
        return true;
    }

    private boolean challenge(AmiMessage action, String actionId) {
        String authType = action.get("AuthType");
        if (authType == null || !authType.equalsIgnoreCase("MD5")) {
            send(error(actionId, "Must specify AuthType"));
            return true;
        }
        challenge = String.valueOf(100_000_000 + CHALLENGES.nextInt(900_000_000));
        send(AmiMessage.response("Success").add("ActionID", actionId).add("Challenge", challenge).build());
        return true;
    }

    private boolean login(AmiMessage action, String actionId) {
        String user = action.get("Username");
        String authType = action.get("AuthType");
        boolean ok = authType != null && authType.equalsIgnoreCase("MD5")
                ? server.keyMatches(user, challenge, action.get("Key"))
                : server.credentialsMatch(user, action.get("Secret"));
        if (!ok) {
            // Asterisk answers and then closes the session
            AmiServer.LOG.log(Level.WARNING, "Demo AMI login failed for user {0} from {1}", new Object[]{user, remote});
            send(error(actionId, "Authentication failed"));
            return false;
        }
        String events = action.get("Events");
        eventsOn = events == null || !events.equalsIgnoreCase("off");
        server.loggedIn(this);
        send(AmiMessage.response("Success").add("ActionID", actionId).add("Message", "Authentication accepted").build());
        long uptime = server.uptimeSeconds();
        send(AmiMessage.event("FullyBooted").add("Privilege", "system,all").add("Uptime", uptime)
                .add("LastReload", uptime).add("Status", "Fully Booted").build());
        loggedIn = true;
        return true;
    }

    private void events(AmiMessage action, String actionId) {
        String mask = action.get("EventMask");
        eventsOn = mask == null || !mask.equalsIgnoreCase("off");
        send(AmiMessage.response("Success").add("ActionID", actionId).add("Events", eventsOn ? "On" : "Off").build());
    }

    private static AmiMessage coreSettings(String actionId) {
        return AmiMessage.response("Success").add("ActionID", actionId)
                .add("AMIversion", "11.0.0").add("AsteriskVersion", AmiServer.ASTERISK_VERSION)
                .add("SystemName", "queuelens-demo").add("CoreMaxCalls", 0).add("CoreMaxLoadAvg", "0.000000")
                .add("CoreRunUser", "asterisk").add("CoreRunGroup", "asterisk").add("CoreMaxFilehandles", 0)
                .add("CoreRealTimeEnabled", "Yes").add("CoreCDRenabled", "Yes").add("CoreHTTPenabled", "No")
                .add("SoundsSearchCustomDir", "No").build();
    }

    /** Asterisk 14+ answers a Command with Success and one Output header per line. */
    private static AmiMessage command(AmiMessage action, String actionId) {
        String command = action.get("Command");
        AmiMessage.Builder b = AmiMessage.response("Success").add("ActionID", actionId).add("Message", "Command output follows");
        if (command != null && command.trim().equalsIgnoreCase("core show version")) {
            b.add("Output", "Asterisk " + AmiServer.ASTERISK_VERSION + " built by queuelens @ demo on a x86_64 running Linux");
        } else {
            b.add("Output", "No such command '" + command + "' (type 'core show help " + command + "' for other possible commands)");
        }
        return b.build();
    }

    private void sendList(String actionId, String message, String completeEvent, List<AmiMessage> items) {
        send(AmiMessage.response("Success").add("ActionID", actionId).add("EventList", "start").add("Message", message).build());
        for (AmiMessage item : items) {
            send(item.withActionId(actionId));
        }
        send(AmiMessage.event(completeEvent).add("ActionID", actionId).add("EventList", "Complete")
                .add("ListItems", items.size()).build());
    }

    private static AmiMessage error(String actionId, String message) {
        return AmiMessage.response("Error").add("ActionID", actionId).add("Message", message).build();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private void writeLoop() {
        try (OutputStream out = socket.getOutputStream()) {
            while (true) {
                byte[] frame = outbox.poll(1, TimeUnit.SECONDS);
                if (frame == null) {
                    if (closed) {
                        return;
                    }
                    continue;
                }
                if (frame == CLOSE) {
                    out.flush();
                    return;
                }
                out.write(frame);
                if (outbox.isEmpty()) {
                    out.flush();
                }
            }
        } catch (IOException e) {
            AmiServer.LOG.log(Level.FINE, "Demo AMI client {0} write failed: {1}", new Object[]{remote, e.getMessage()});
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            close();
        }
    }

    /** The reader ended: let the writer flush what is queued (e.g. the Goodbye), then close. */
    private void finish() {
        loggedIn = false;
        server.removed(this, false);
        if (!outbox.offer(CLOSE)) {
            close();
        }
    }

    private void drop(boolean tooSlow) {
        server.removed(this, tooSlow);
        close();
    }

    void close() {
        if (closed) {
            return;
        }
        closed = true;
        loggedIn = false;
        server.loggedOut(this);
        outbox.clear();
        try {
            socket.close();
        } catch (IOException e) {
            AmiServer.LOG.log(Level.FINE, "closing AMI client socket", e);
        }
    }
}
