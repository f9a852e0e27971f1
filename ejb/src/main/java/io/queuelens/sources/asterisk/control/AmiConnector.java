package io.queuelens.sources.asterisk.control;

import io.queuelens.sources.asterisk.entity.AmiSettings;
import io.queuelens.sources.boundary.Source;
import io.queuelens.sources.boundary.SourceKind;
import io.queuelens.sources.boundary.SourceStatus;
import io.queuelens.sources.boundary.SourceStatus.State;
import org.asteriskjava.manager.AuthenticationFailedException;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionFactory;
import org.asteriskjava.manager.ManagerEventListener;
import org.asteriskjava.manager.event.ConnectEvent;
import org.asteriskjava.manager.event.DisconnectEvent;
import org.asteriskjava.manager.event.ManagerEvent;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One AMI connection through asterisk-java: logs in, counts events and hands them to a listener,
 * retries with exponential backoff while the PBX cannot be reached, and after a refused login
 * says once, in one line, which setting to fix (then retries slowly, since the PBX side may be the
 * one to change). Once logged in, asterisk-java itself reconnects after a dropped connection.
 */
public final class AmiConnector implements Source, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(AmiConnector.class.getName());
    static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    static final Duration MAX_RETRY = Duration.ofSeconds(30);
    static final Duration RETRY_AFTER_REFUSAL = Duration.ofSeconds(60);

    private final String tenantId;
    private final String name;
    private final AmiSettings settings;
    private final ScheduledExecutorService scheduler;
    private final Consumer<ManagerEvent> events;
    private final ManagerConnection connection;

    private final AtomicLong eventsReceived = new AtomicLong();
    private final AtomicLong reconnects = new AtomicLong();
    private final AtomicLong failedLogins = new AtomicLong();
    private volatile State state = State.STARTING;
    private volatile String detail = "connecting";
    private volatile Instant lastEventAt;
    private volatile boolean closed;
    private volatile boolean failureLogged;
    private Duration nextRetry = FIRST_RETRY;
    private ScheduledFuture<?> pending;

    public AmiConnector(String tenantId, String name, AmiSettings settings, ScheduledExecutorService scheduler,
                        Consumer<ManagerEvent> events) {
        this.tenantId = tenantId;
        this.name = name;
        this.settings = settings;
        this.scheduler = scheduler;
        this.events = events;
        this.connection = new ManagerConnectionFactory(settings.host(), settings.port(), settings.username(),
                settings.secret()).createManagerConnection();
        this.connection.addEventListener(new Listener());
    }

    public void start() {
        schedule(Duration.ZERO);
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
        try {
            connection.login();
            state = State.CONNECTED;
            detail = "logged in to " + settings.address() + " as " + settings.username();
            nextRetry = FIRST_RETRY;
            failureLogged = false;
            LOG.log(Level.INFO, "AMI source {0}/{1} connected to {2}", new Object[]{tenantId, name, settings.address()});
        } catch (AuthenticationFailedException e) {
            failedLogins.incrementAndGet();
            failed(State.FAILED, "the PBX at " + settings.address() + " refused the AMI login of user '"
                    + settings.username() + "'; fix the username/secret in " + settings.settingHint()
                    + " (and the user in the PBX's manager.conf)", RETRY_AFTER_REFUSAL);
        } catch (IOException | org.asteriskjava.manager.TimeoutException | IllegalStateException e) {
            failed(State.RECONNECTING, "cannot reach AMI at " + settings.address() + " (" + e.getMessage()
                    + "); check " + settings.settingHint() + " and that the PBX is up", backoff());
        }
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

    private final class Listener implements ManagerEventListener {
        @Override
        public void onManagerEvent(ManagerEvent event) {
            if (event instanceof DisconnectEvent) {
                if (!closed) {
                    state = State.RECONNECTING;
                    detail = "connection to " + settings.address() + " lost; reconnecting";
                    LOG.log(Level.WARNING, "AMI source {0}/{1}: connection to {2} lost, reconnecting",
                            new Object[]{tenantId, name, settings.address()});
                }
                return;
            }
            if (event instanceof ConnectEvent && state == State.RECONNECTING) {
                reconnects.incrementAndGet();
                state = State.CONNECTED;
                detail = "logged in to " + settings.address() + " as " + settings.username();
                LOG.log(Level.INFO, "AMI source {0}/{1} reconnected", new Object[]{tenantId, name});
            }
            eventsReceived.incrementAndGet();
            lastEventAt = Instant.now();
            events.accept(event);
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
        return new SourceStatus(state, state == State.CONNECTED, detail, lastEventAt, Map.of(
                "events", eventsReceived.get(), "reconnects", reconnects.get(), "failedLogins", failedLogins.get()));
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
        }
        try {
            connection.logoff();
        } catch (IllegalStateException notConnected) {
            // nothing to log off from
        }
        state = State.STOPPED;
        detail = "stopped";
    }
}
