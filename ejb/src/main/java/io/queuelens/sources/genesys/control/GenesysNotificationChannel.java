package io.queuelens.sources.genesys.control;

import io.queuelens.sources.boundary.EventRate;
import io.queuelens.sources.boundary.Source;
import io.queuelens.sources.boundary.SourceKind;
import io.queuelens.sources.boundary.SourceStatus;
import io.queuelens.sources.boundary.SourceStatus.State;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One Genesys Cloud notification channel (FORMATS.md §4) kept alive: creates the channel, opens its
 * WebSocket, subscribes the topics, then has the listener resync (observations) so the live model
 * equals the org whatever was missed. It watches the heartbeats ({@code channel.metadata}, about every
 * 30 s) and makes a new channel when the service announces {@code v2.system.socket_closing}, when the
 * socket closes or fails, when nothing arrived for the heartbeat timeout (a silent socket), and before
 * the channel's 24 h expiry. Failed attempts are retried with exponential backoff and jitter.
 * <p>
 * Notifications are handed to the listener one at a time, never during a resync: while the resync
 * reads the observations the socket's next messages wait, so what happened meanwhile applies after
 * the rebuilt state (the translator tells nothing twice).
 */
public final class GenesysNotificationChannel implements Source, AutoCloseable {

    /** A channel as {@code POST /api/v2/notifications/channels} answers it. */
    public record ChannelInfo(String id, URI connectUri, Instant expires) {
    }

    /** The REST side of a channel (the org's API client in production). */
    public interface Broker {
        ChannelInfo create() throws Exception;

        void subscribe(String channelId, List<String> topics) throws Exception;

        /** The topics wanted now (read at every (re)subscription, so new queues and members follow). */
        List<String> topics() throws Exception;
    }

    /** Who consumes the notifications (the org's live model through its translator). */
    public interface Listener {
        void notification(String topic, JsonObject body);

        /** Rebuilds the consumer's state from the observations; runs after every (re)subscription. */
        void resync() throws Exception;

        default void connected(boolean up) {
        }

        default Map<String, Long> counters() {
            return Map.of();
        }
    }

    /**
     * @param heartbeatTimeout  silence after which the socket counts as dead (Genesys beats every ~30 s)
     * @param renewBeforeExpiry how long before the channel's expiry a new one is made
     * @param resyncInterval    how often the observations are read again while connected (zero: never)
     * @param firstRetry        first delay after a failed attempt; doubled up to {@code maxRetry}, with jitter
     */
    public record Settings(Duration heartbeatTimeout, Duration renewBeforeExpiry, Duration resyncInterval,
                           Duration firstRetry, Duration maxRetry, Duration connectTimeout) {
        public static Settings defaults() {
            return new Settings(Duration.ofSeconds(90), Duration.ofMinutes(10), Duration.ofMinutes(5),
                    Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofSeconds(15));
        }
    }

    /** The service accepts at most this many topics per channel. */
    public static final int MAX_TOPICS = 1000;

    private static final Logger LOG = Logger.getLogger(GenesysNotificationChannel.class.getName());
    private static final Duration RATE_WINDOW = Duration.ofSeconds(5);
    static final Duration RESYNC_RETRY = Duration.ofSeconds(30);

    private final String tenantId;
    private final String name;
    private final Broker broker;
    private final Listener listener;
    private final Settings settings;
    private final ScheduledExecutorService scheduler;
    private final HttpClient http;
    private final Object delivery = new Object();

    private final AtomicLong events = new AtomicLong();
    private final AtomicLong heartbeats = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();
    private final AtomicLong channelsCreated = new AtomicLong();
    private final AtomicLong reconnects = new AtomicLong();
    private final AtomicLong failedAttempts = new AtomicLong();
    private final AtomicLong socketClosings = new AtomicLong();
    private final AtomicLong silences = new AtomicLong();
    private final AtomicLong expiries = new AtomicLong();
    private final AtomicLong resyncs = new AtomicLong();
    private final AtomicLong failedResyncs = new AtomicLong();
    private final AtomicLong topicCount = new AtomicLong();

    private volatile State state = State.STARTING;
    private volatile String detail = "connecting";
    private volatile Instant lastEventAt;
    private volatile long lastMessageNanos = System.nanoTime();
    private volatile long lastResyncNanos = System.nanoTime();
    private volatile boolean closed;
    private volatile boolean resyncing;
    private final EventRate eventRate = new EventRate(RATE_WINDOW, System.nanoTime());

    // guarded by this
    private long generation;
    private WebSocket socket;
    private ChannelInfo channel;
    private Duration nextRetry;
    private ScheduledFuture<?> pending;
    private ScheduledFuture<?> watch;
    private boolean everConnected;
    private boolean failureLogged;

    public GenesysNotificationChannel(String tenantId, String name, Broker broker, Listener listener, Settings settings,
                                      ScheduledExecutorService scheduler, HttpClient http) {
        this.tenantId = tenantId;
        this.name = name;
        this.broker = broker;
        this.listener = listener;
        this.settings = settings;
        this.scheduler = scheduler;
        this.http = http;
        this.nextRetry = settings.firstRetry();
    }

    public void start() {
        schedule(Duration.ZERO);
        synchronized (this) {
            watch = scheduler.scheduleWithFixedDelay(this::watch, 1, 1, TimeUnit.SECONDS);
        }
    }

    private synchronized void schedule(Duration delay) {
        if (!closed) {
            pending = scheduler.schedule(this::connect, delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Creates a channel, opens its socket, subscribes and resyncs; on any failure, tries again later. */
    private void connect() {
        long gen;
        synchronized (this) {
            if (closed) {
                return;
            }
            gen = ++generation;
        }
        String step = "creating the notification channel";
        WebSocket opened = null;
        try {
            ChannelInfo info = broker.create();
            if (info == null || info.connectUri() == null) {
                throw new IllegalStateException("the channel answer has no connectUri");
            }
            channelsCreated.incrementAndGet();
            step = "opening the channel's WebSocket " + info.connectUri().getHost();
            opened = http.newWebSocketBuilder().connectTimeout(settings.connectTimeout())
                    .buildAsync(info.connectUri(), new Reader(gen))
                    .get(settings.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
            step = "subscribing the topics";
            List<String> topics = broker.topics();
            if (topics.size() > MAX_TOPICS) {
                LOG.log(Level.WARNING, "Genesys source {0}/{1}: {2} topics wanted, a channel takes {3}; the rest is "
                        + "followed by the periodic resync only", new Object[]{tenantId, name, topics.size(), MAX_TOPICS});
                topics = topics.subList(0, MAX_TOPICS);
            }
            broker.subscribe(info.id(), topics);
            topicCount.set(topics.size());
            synchronized (this) {
                if (closed || gen != generation) {
                    opened.abort();
                    return;
                }
                socket = opened;
                channel = info;
                if (everConnected) {
                    reconnects.incrementAndGet();
                }
                everConnected = true;
                failureLogged = false;
                lastMessageNanos = System.nanoTime();
                state = State.CONNECTED;
                detail = "channel " + info.id() + " open, " + topics.size() + " topics, expires "
                        + (info.expires() == null ? "unknown" : info.expires().toString());
            }
            listener.connected(true);
            if (opened.isInputClosed()) { // closed while we subscribed: its onClose found us not yet connected
                recreate(gen, "the service closed the socket right after it opened", false);
                return;
            }
            LOG.log(Level.INFO, "Genesys source {0}/{1}: notification channel {2} open with {3} topics",
                    new Object[]{tenantId, name, info.id(), topics.size()});
            resync();
            synchronized (this) {
                nextRetry = settings.firstRetry();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            if (opened != null) {
                opened.abort();
            }
            failed(gen, step + " failed: " + message(e));
        }
    }

    private void failed(long gen, String reason) {
        Duration retry;
        synchronized (this) {
            if (closed || gen != generation) {
                return;
            }
            retry = backoff();
            state = everConnected ? State.RECONNECTING : State.FAILED;
            detail = reason + "; next try in " + Math.max(1, retry.toSeconds()) + " s";
            failedAttempts.incrementAndGet(); // after the detail: whoever sees the count sees the reason
            if (!failureLogged) { // one line per failure streak
                LOG.log(Level.WARNING, "Genesys source {0}/{1}: {2}", new Object[]{tenantId, name, reason});
                failureLogged = true;
            }
        }
        schedule(retry);
    }

    /** Reads the observations again and rebuilds the model (in order with the notifications). */
    public void resync() {
        if (closed || state != State.CONNECTED) {
            return;
        }
        resyncing = true;
        try {
            synchronized (delivery) {
                listener.resync();
            }
            resyncs.incrementAndGet();
        } catch (Exception e) {
            failedResyncs.incrementAndGet();
            LOG.log(Level.WARNING, "Genesys source {0}/{1}: the resync from the observations failed ({2}); "
                    + "trying again in {3} s", new Object[]{tenantId, name, message(e), RESYNC_RETRY.toSeconds()});
            synchronized (this) {
                if (!closed) { // the picture may be stale until a resync succeeds: do not wait for the periodic one
                    scheduler.schedule(this::resync, RESYNC_RETRY.toMillis(), TimeUnit.MILLISECONDS);
                }
            }
        } finally {
            lastResyncNanos = System.nanoTime();
            lastMessageNanos = Math.max(lastMessageNanos, System.nanoTime()); // the socket waited for us
            resyncing = false;
        }
    }

    /**
     * Drops the current socket and makes a new channel: at once for the planned reasons (announced
     * closing, expiry, silence), after the backoff for failures.
     */
    private void recreate(long gen, String reason, boolean planned) {
        Duration delay;
        synchronized (this) {
            if (closed || gen != generation || state != State.CONNECTED) {
                return;
            }
            generation++; // whatever the old socket still says is ignored from now on
            if (socket != null) {
                socket.abort();
                socket = null;
            }
            state = State.RECONNECTING;
            detail = reason + "; making a new channel";
            delay = planned ? Duration.ZERO : backoff();
        }
        LOG.log(Level.INFO, "Genesys source {0}/{1}: {2}; making a new channel", new Object[]{tenantId, name, reason});
        listener.connected(false);
        schedule(delay);
    }

    private Duration backoff() {
        Duration current = nextRetry;
        Duration doubled = nextRetry.multipliedBy(2);
        nextRetry = doubled.compareTo(settings.maxRetry()) > 0 ? settings.maxRetry() : doubled;
        // jitter: somewhere in the upper half, so many orgs that lost the service together do not return together
        long ms = current.toMillis();
        return Duration.ofMillis(ms / 2 + ThreadLocalRandom.current().nextLong(ms / 2 + 1));
    }

    /** Once a second: the event rate, silence, expiry and the periodic resync. */
    private void watch() {
        try {
            long now = System.nanoTime();
            eventRate.sample(events.get(), now);
            long gen;
            ChannelInfo info;
            synchronized (this) {
                if (closed || state != State.CONNECTED) {
                    return;
                }
                gen = generation;
                info = channel;
            }
            if (resyncing) {
                return;
            }
            if (now - lastMessageNanos > settings.heartbeatTimeout().toNanos()) {
                silences.incrementAndGet();
                recreate(gen, "nothing (not even a heartbeat) arrived for " + settings.heartbeatTimeout().toSeconds()
                        + " s", true);
            } else if (info != null && info.expires() != null
                    && Instant.now().plus(settings.renewBeforeExpiry()).isAfter(info.expires())) {
                expiries.incrementAndGet();
                recreate(gen, "channel " + info.id() + " expires at " + info.expires(), true);
            } else if (!settings.resyncInterval().isZero() && now - lastResyncNanos > settings.resyncInterval().toNanos()) {
                lastResyncNanos = now;
                scheduler.execute(this::resync);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Genesys source " + tenantId + "/" + name + ": watch failed", e);
        }
    }

    private void message(long gen, String text) {
        synchronized (this) {
            if (gen != generation || closed) {
                return;
            }
        }
        lastMessageNanos = System.nanoTime();
        JsonObject frame;
        try (JsonReader r = Json.createReader(new StringReader(text))) {
            frame = r.readObject();
        } catch (JsonException | IllegalStateException e) {
            malformed.incrementAndGet();
            LOG.log(Level.FINE, "Genesys source {0}/{1}: a frame that is no JSON object was skipped", new Object[]{tenantId, name});
            return;
        }
        String topic = GenesysLiveTranslator.text(frame, "topicName");
        if (topic == null) {
            malformed.incrementAndGet();
            return;
        }
        if (topic.equals("channel.metadata")) {
            heartbeats.incrementAndGet();
            return;
        }
        if (topic.equals("v2.system.socket_closing")) {
            socketClosings.incrementAndGet();
            scheduler.execute(() -> recreate(gen, "the service announced that it closes the socket", true));
            return;
        }
        JsonValue body = frame.get("eventBody");
        events.incrementAndGet();
        lastEventAt = Instant.now();
        if (body != null && body.getValueType() == JsonValue.ValueType.OBJECT) {
            synchronized (delivery) {
                listener.notification(topic, body.asJsonObject());
            }
        } else {
            malformed.incrementAndGet();
        }
    }

    /** The socket's messages, in order; the next is requested only when one was handled. */
    private final class Reader implements WebSocket.Listener {
        private final long gen;
        private final StringBuilder text = new StringBuilder();

        Reader(long gen) {
            this.gen = gen;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                String whole = text.toString();
                text.setLength(0);
                try {
                    message(gen, whole);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "Genesys source " + tenantId + "/" + name + ": a notification failed", e);
                }
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            scheduler.execute(() -> recreate(gen, "the service closed the socket (" + statusCode
                    + (reason == null || reason.isBlank() ? "" : " " + reason) + ")", false));
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            scheduler.execute(() -> recreate(gen, "the socket failed: " + message(error), false));
        }
    }

    private static String message(Throwable e) {
        Throwable t = e;
        while ((t instanceof java.util.concurrent.ExecutionException || t instanceof java.util.concurrent.CompletionException)
                && t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    @Override
    public String tenantId() {
        return tenantId;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public SourceKind kind() {
        return SourceKind.GENESYS;
    }

    @Override
    public SourceStatus status() {
        Map<String, Long> counters = new LinkedHashMap<>();
        counters.put("events", events.get());
        counters.put("eventsPerSecond", eventRate.perSecond());
        counters.put("heartbeats", heartbeats.get());
        counters.put("reconnects", reconnects.get());
        counters.put("channelsCreated", channelsCreated.get());
        counters.put("failedAttempts", failedAttempts.get());
        counters.put("socketClosings", socketClosings.get());
        counters.put("silences", silences.get());
        counters.put("expiries", expiries.get());
        counters.put("resyncs", resyncs.get());
        counters.put("failedResyncs", failedResyncs.get());
        counters.put("framesMalformed", malformed.get());
        counters.put("topics", topicCount.get());
        counters.putAll(listener.counters());
        State s = state;
        return new SourceStatus(s, s == State.CONNECTED, detail, lastEventAt, counters);
    }

    /** The channel in use now, or null while there is none. */
    public synchronized ChannelInfo channel() {
        return state == State.CONNECTED ? channel : null;
    }

    @Override
    public void close() {
        WebSocket s;
        synchronized (this) {
            closed = true;
            generation++;
            if (pending != null) {
                pending.cancel(false);
            }
            if (watch != null) {
                watch.cancel(false);
            }
            s = socket;
            socket = null;
            state = State.STOPPED;
            detail = "stopped";
        }
        if (s != null) {
            s.sendClose(WebSocket.NORMAL_CLOSURE, "bye").whenComplete((ws, e) -> s.abort());
        }
        listener.connected(false);
    }
}
