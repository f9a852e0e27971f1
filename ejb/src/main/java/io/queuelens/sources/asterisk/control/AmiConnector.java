package io.queuelens.sources.asterisk.control;

import io.queuelens.live.control.LiveModel;
import io.queuelens.sources.asterisk.entity.AmiSettings;
import io.queuelens.sources.boundary.EventRate;
import io.queuelens.sources.boundary.Source;
import io.queuelens.sources.boundary.SourceKind;
import io.queuelens.sources.boundary.SourceStatus;
import io.queuelens.sources.boundary.SourceStatus.State;
import org.asteriskjava.manager.AuthenticationFailedException;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionFactory;
import org.asteriskjava.manager.ManagerConnectionState;
import org.asteriskjava.manager.ManagerEventListener;
import org.asteriskjava.manager.action.PingAction;
import org.asteriskjava.manager.action.QueueStatusAction;
import org.asteriskjava.manager.event.ConnectEvent;
import org.asteriskjava.manager.event.DisconnectEvent;
import org.asteriskjava.manager.event.FullyBootedEvent;
import org.asteriskjava.manager.event.ManagerEvent;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One AMI connection through asterisk-java: logs in, counts events and hands them to a listener,
 * retries with exponential backoff while the PBX cannot be reached, and after a refused login
 * says once, in one line, which setting to fix (then retries slowly, since the PBX side may be the
 * one to change). Once logged in, asterisk-java itself reconnects after a dropped connection.
 * <p>
 * After every login (the first and each reconnect) it asks the PBX for {@code QueueStatus}, whose
 * answer rebuilds the live model, so the model equals the PBX again whatever happened meanwhile. A
 * peer that stalls (keeps the TCP connection open but sends nothing, not even the answer to a
 * {@code Ping}) is noticed by the ping timeout: when a ping stays unanswered and nothing else arrived
 * either for that long, the connection is dropped and logged in again.
 */
public final class AmiConnector implements Source, AutoCloseable {

    /** What the connector tells the one who consumes its events (the tenant's live model). */
    public interface Listener {
        void event(ManagerEvent event);

        /** Logged in (true) or lost (false). */
        default void connected(boolean up) {
        }

        /** Counters the consumer keeps about this connection's events (malformed, ignored...), shown with the connector's. */
        default Map<String, Long> counters() {
            return Map.of();
        }
    }

    private static final Logger LOG = Logger.getLogger(AmiConnector.class.getName());
    static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    static final Duration MAX_RETRY = Duration.ofSeconds(30);
    static final Duration RETRY_AFTER_REFUSAL = Duration.ofSeconds(60);
    static final Duration RATE_WINDOW = Duration.ofSeconds(5);

    private final String tenantId;
    private final String name;
    private final AmiSettings settings;
    private final ScheduledExecutorService scheduler;
    private final Listener listener;
    private final Duration pingInterval;
    private final Duration pingTimeout;
    private final ManagerConnection connection;

    private final AtomicLong eventsReceived = new AtomicLong();
    private final AtomicLong reconnects = new AtomicLong();
    private final AtomicLong failedLogins = new AtomicLong();
    private final AtomicLong pingTimeouts = new AtomicLong();
    private final AtomicLong resyncs = new AtomicLong();
    private volatile State state = State.STARTING;
    private volatile String detail = "connecting";
    private volatile Instant lastEventAt;
    private volatile boolean closed;
    private volatile boolean failureLogged;
    private volatile boolean everConnected;
    private volatile boolean loggingIn;
    private volatile long pingSentNanos; // 0: none outstanding
    private volatile long lastPingNanos;
    private volatile long lastEventNanos = System.nanoTime();
    private final EventRate eventRate = new EventRate(RATE_WINDOW, System.nanoTime());
    private Duration nextRetry = FIRST_RETRY;
    private ScheduledFuture<?> pending;
    private ScheduledFuture<?> watch;

    /** Without a live model and without pings (tests of the login and backoff). */
    public AmiConnector(String tenantId, String name, AmiSettings settings, ScheduledExecutorService scheduler,
                        Consumer<ManagerEvent> events) {
        this(tenantId, name, settings, scheduler, events::accept, Duration.ZERO, Duration.ZERO);
    }

    /**
     * @param pingInterval how often to ping the peer while logged in (zero: never)
     * @param pingTimeout  how long an unanswered ping may be outstanding before the peer counts as stalled
     */
    public AmiConnector(String tenantId, String name, AmiSettings settings, ScheduledExecutorService scheduler,
                        Listener listener, Duration pingInterval, Duration pingTimeout) {
        this.tenantId = tenantId;
        this.name = name;
        this.settings = settings;
        this.scheduler = scheduler;
        this.listener = listener;
        this.pingInterval = pingInterval;
        this.pingTimeout = pingTimeout;
        this.connection = new ManagerConnectionFactory(settings.host(), settings.port(), settings.username(),
                settings.secret()).createManagerConnection();
        this.connection.addEventListener(new Events());
    }

    public void start() {
        EventClassScan.runNow(); // before a connect thread runs it (see there)
        schedule(Duration.ZERO);
        watch = scheduler.scheduleWithFixedDelay(this::watch, 1, 1, TimeUnit.SECONDS);
    }

    private synchronized void schedule(Duration delay) {
        if (!closed) {
            pending = scheduler.schedule(this::connect, delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void connect() {
        if (closed) {
            return;
        }
        loggingIn = true;
        try {
            connection.login();
            if (everConnected) {
                reconnects.incrementAndGet();
            }
            everConnected = true;
            loggedIn();
            nextRetry = FIRST_RETRY;
            failureLogged = false;
            LOG.log(Level.INFO, "AMI source {0}/{1} connected to {2}", new Object[]{tenantId, name, settings.address()});
            resync();
        } catch (AuthenticationFailedException e) {
            failedLogins.incrementAndGet();
            failed(State.FAILED, "the PBX at " + settings.address() + " refused the AMI login of user '"
                    + settings.username() + "'; fix the username/secret in " + settings.settingHint()
                    + " (and the user in the PBX's manager.conf)", RETRY_AFTER_REFUSAL);
        } catch (IOException | org.asteriskjava.manager.TimeoutException | IllegalStateException e) {
            failed(State.RECONNECTING, "cannot reach AMI at " + settings.address() + " (" + e.getMessage()
                    + "); check " + settings.settingHint() + " and that the PBX is up", backoff());
        } finally {
            loggingIn = false;
        }
    }

    /** asterisk-java logged in again by itself after a dropped connection (its login may still be finishing). */
    private void afterAutoReconnect() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (connection.getState() != ManagerConnectionState.CONNECTED && System.nanoTime() < deadline && !closed) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (closed || state == State.CONNECTED || connection.getState() != ManagerConnectionState.CONNECTED) {
            return;
        }
        reconnects.incrementAndGet();
        loggedIn();
        LOG.log(Level.INFO, "AMI source {0}/{1} reconnected", new Object[]{tenantId, name});
        resync();
    }

    private void loggedIn() {
        state = State.CONNECTED;
        detail = "logged in to " + settings.address() + " as " + settings.username();
        pingSentNanos = 0;
        lastPingNanos = System.nanoTime();
        lastEventNanos = lastPingNanos;
        listener.connected(true);
    }

    /** Asks for a resync now (the live model dropped events it could not keep up with). */
    public void requestResync() {
        resync();
    }

    /** Asks for the queues' whole state; its answer (in order with the events) rebuilds the live model. */
    void resync() {
        if (closed || connection.getState() != ManagerConnectionState.CONNECTED) {
            return;
        }
        QueueStatusAction action = new QueueStatusAction();
        action.setActionId(LiveModel.FULL_RESYNC + resyncs.incrementAndGet());
        try {
            connection.sendAction(action, null);
        } catch (IOException | IllegalStateException | IllegalArgumentException e) {
            LOG.log(Level.WARNING, "AMI source {0}/{1}: QueueStatus could not be sent ({2}); the next reconnect resyncs",
                    new Object[]{tenantId, name, e.toString()});
        }
    }

    /** Once a second: the event rate, and the ping that tells a stalled peer from a quiet one. */
    private void watch() {
        try {
            long now = System.nanoTime();
            eventRate.sample(eventsReceived.get(), now);
            if (pingInterval.isZero() || closed || state != State.CONNECTED) {
                return;
            }
            long sent = pingSentNanos;
            // stalled = the ping is unanswered AND nothing at all arrived for the timeout: a peer that
            // is merely busy (its answer queued behind thousands of events) is not dropped
            if (sent != 0 && now - sent > pingTimeout.toNanos() && now - lastEventNanos > pingTimeout.toNanos()) {
                stalled();
            } else if (sent == 0 && now - lastPingNanos >= pingInterval.toNanos()) {
                ping(now);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "AMI source " + tenantId + "/" + name + ": watch failed", e);
        }
    }

    private void ping(long now) {
        pingSentNanos = now;
        lastPingNanos = now;
        try {
            connection.sendAction(new PingAction(), response -> pingSentNanos = 0);
        } catch (IOException | IllegalStateException e) {
            LOG.log(Level.FINE, "ping not sent: {0}", e.toString());
        }
    }

    /** No answer to the ping in time: the peer holds the connection but is gone. Drop it and log in anew. */
    private void stalled() {
        pingTimeouts.incrementAndGet();
        pingSentNanos = 0;
        state = State.RECONNECTING;
        detail = "the PBX at " + settings.address() + " did not answer a ping within " + pingTimeout.toSeconds()
                + " s; reconnecting";
        LOG.log(Level.WARNING, "AMI source {0}/{1}: no answer to a ping within {2} s from {3}, reconnecting",
                new Object[]{tenantId, name, pingTimeout.toSeconds(), settings.address()});
        listener.connected(false);
        try {
            connection.logoff(); // closes the socket; waits at most asterisk-java's response timeout for the silent peer
        } catch (RuntimeException ignored) {
            // the connection is gone either way
        }
        schedule(FIRST_RETRY);
    }

    private void failed(State newState, String reason, Duration retryIn) {
        if (!failureLogged) { // one line per failure streak, not one per retry
            LOG.log(newState == State.FAILED ? Level.SEVERE : Level.WARNING, "AMI source {0}/{1}: {2}",
                    new Object[]{tenantId, name, reason});
            failureLogged = true;
        }
        detail = reason + "; next try in " + retryIn.toSeconds() + " s";
        state = newState;
        schedule(retryIn);
    }

    private Duration backoff() {
        Duration current = nextRetry;
        Duration doubled = nextRetry.multipliedBy(2);
        nextRetry = doubled.compareTo(MAX_RETRY) > 0 ? MAX_RETRY : doubled;
        return current;
    }

    private final class Events implements ManagerEventListener {
        @Override
        public void onManagerEvent(ManagerEvent event) {
            if (event instanceof DisconnectEvent) {
                if (!closed && state == State.CONNECTED) {
                    state = State.RECONNECTING;
                    detail = "connection to " + settings.address() + " lost; reconnecting";
                    LOG.log(Level.WARNING, "AMI source {0}/{1}: connection to {2} lost, reconnecting",
                            new Object[]{tenantId, name, settings.address()});
                    listener.connected(false);
                }
                return;
            }
            if (event instanceof ConnectEvent) {
                return; // the banner arrived; the login is not done yet
            }
            if (event instanceof FullyBootedEvent && state == State.RECONNECTING && !loggingIn) {
                scheduler.execute(AmiConnector.this::afterAutoReconnect);
            }
            eventsReceived.incrementAndGet();
            lastEventNanos = System.nanoTime();
            lastEventAt = Instant.now();
            listener.event(event);
        }
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
        return SourceKind.ASTERISK;
    }

    @Override
    public SourceStatus status() {
        Map<String, Long> counters = new LinkedHashMap<>();
        counters.put("events", eventsReceived.get());
        counters.put("eventsPerSecond", eventRate.perSecond());
        counters.put("reconnects", reconnects.get());
        counters.put("failedLogins", failedLogins.get());
        counters.put("pingTimeouts", pingTimeouts.get());
        counters.put("resyncs", resyncs.get());
        counters.putAll(listener.counters());
        return new SourceStatus(state, state == State.CONNECTED, detail, lastEventAt, counters);
    }

    public ManagerConnection connection() {
        return connection;
    }

    @Override
    public void close() {
        closed = true;
        synchronized (this) {
            if (pending != null) {
                pending.cancel(false);
            }
            if (watch != null) {
                watch.cancel(false);
            }
        }
        try {
            connection.logoff();
        } catch (IllegalStateException notConnected) {
            // nothing to log off from
        }
        listener.connected(false);
        state = State.STOPPED;
        detail = "stopped";
    }
}
