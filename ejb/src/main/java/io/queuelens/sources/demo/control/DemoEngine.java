package io.queuelens.sources.demo.control;

import io.queuelens.sources.boundary.SourceStatus;
import io.queuelens.sources.demo.entity.AmiEndpoint;
import io.queuelens.sources.demo.entity.AmiMessage;
import io.queuelens.sources.demo.entity.CdrRow;
import io.queuelens.sources.demo.entity.DemoSettings;
import io.queuelens.sources.demo.entity.QueueDefinition;
import io.queuelens.sources.demo.entity.QueueLogRow;

import javax.sql.DataSource;
import java.io.IOException;
import java.net.BindException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs the demo contact center: binds the AMI server ({@link #open()}), backfills history into the PBX
 * tables and then keeps simulating live ({@link #run()}), advancing simulated time with the wall clock
 * times the speed factor, or as fast as needed to hold a target AMI event rate.
 * <p>
 * Restarts do not duplicate rows: the backfill resumes one second after the newest queue_log row (when
 * that is within the backfill window), and the resumed simulation starts with a {@code QUEUESTART}, as a
 * restarted Asterisk would. Calls that were in progress at the stop never get an end row; readers close
 * them as LOST at the next QUEUESTART (KPI.md).
 */
public final class DemoEngine implements AutoCloseable {

    static final Logger LOG = Logger.getLogger(DemoEngine.class.getName());
    static final String AMI_USER = "queuelens";
    static final long FLUSH_MILLIS = 1000;

    private final DemoSettings settings;
    private final List<QueueDefinition> queues;
    private final ThreadFactory threads;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final PbxTableWriter tables;
    private final QueueLogFileWriter file;
    private final DemoRecordings recordings;
    private final String secret;
    private final Output output = new Output();
    private volatile ContactCenterSimulation simulation;
    private volatile AmiServer server;
    private volatile SourceStatus.State state = SourceStatus.State.STARTING;
    private volatile String detail = "starting";
    private volatile boolean live;
    private volatile Instant lastEventAt;
    private volatile ScheduledFuture<?> ticking;
    private Instant wallStart;
    private Instant simStart;
    private long eventsAtLiveStart;
    private long lastFlushNanos;
    private String lastTickFailure;

    public DemoEngine(DemoSettings settings, List<QueueDefinition> queues, DataSource dataSource, ThreadFactory threads,
                      ScheduledExecutorService scheduler, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.queues = List.copyOf(queues);
        this.threads = Objects.requireNonNull(threads, "threads");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.tables = new PbxTableWriter(dataSource, settings.zone());
        this.file = settings.queueLogFile() == null ? null : new QueueLogFileWriter(settings.queueLogFile());
        this.recordings = settings.recordingsDir() == null ? null
                : new DemoRecordings(settings.recordingsDir(), settings.zone(), clock);
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        this.secret = HexFormat.of().formatHex(bytes);
    }

    /**
     * Binds the AMI port. Returns false (status FAILED, one log line naming the setting) when it cannot,
     * e.g. because the port is in use.
     */
    public boolean open() {
        AmiServer s = new AmiServer(settings.amiHost(), settings.amiPort(), AMI_USER, secret, new CurrentState(),
                threads, 10_000);
        try {
            s.start();
            server = s;
            detail = "AMI listening on " + settings.amiHost() + ":" + s.port();
            return true;
        } catch (BindException e) {
            fail("Demo AMI port " + settings.amiPort() + " on " + settings.amiHost() + " is not available (" + e.getMessage()
                    + "): set queuelens.demo.ami.port to a free port, or 0 for any free port");
        } catch (IOException | RuntimeException e) {
            fail("Demo AMI server could not listen on " + settings.amiHost() + ":" + settings.amiPort() + " (" + e
                    + "): check queuelens.demo.ami.host and queuelens.demo.ami.port");
        }
        return false;
    }

    /** Backfills, then schedules the live ticks; returns once live. Call after a successful {@link #open()}. */
    public void run() {
        if (server == null || state == SourceStatus.State.FAILED) {
            return;
        }
        try {
            backfill();
        } catch (Exception e) {
            fail("Demo backfill into demo_queue_log/demo_cdr failed: " + e);
            LOG.log(Level.FINE, "backfill failure", e);
            return;
        }
        wallStart = clock.instant();
        simStart = simulation.now();
        eventsAtLiveStart = simulation.amiEvents();
        lastFlushNanos = System.nanoTime();
        live = true;
        state = SourceStatus.State.CONNECTED;
        detail = "Simulating " + settings.agents() + " agents live at speed " + settings.speed()
                + (settings.eventRate() > 0 ? " (target " + settings.eventRate() + " events/s)" : "")
                + "; AMI on " + settings.amiHost() + ":" + server.port();
        ticking = scheduler.scheduleWithFixedDelay(this::tick, 0, settings.tickMillis(), TimeUnit.MILLISECONDS);
    }

    private void backfill() throws Exception {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant windowStart = now.minus(Duration.ofDays(settings.backfillDays()));
        Instant start = tables.lastQueueLogTime()
                .map(last -> last.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1))
                .filter(resume -> resume.isAfter(windowStart))
                .orElse(windowStart);
        // rows of a faster-than-real-time run may lie in the future: the resumed run continues after them
        simulation = new ContactCenterSimulation(settings.seed(), start, settings.zone(), settings.agents(), queues, output);
        long began = System.nanoTime();
        // boot at once (QUEUESTART, logins): even a run that resumes in the future has started its PBX
        simulation.advanceTo(start);
        flush();
        Instant t = start;
        int day = 0;
        int days = (int) Math.max(1, Duration.between(start, now).toDays());
        // catch up to the wall clock, which moves on while we write; the last second is left to live mode
        while (true) {
            Instant target = clock.instant();
            if (Duration.between(t, target).compareTo(Duration.ofSeconds(1)) < 0) {
                break;
            }
            Instant next = t.plus(Duration.ofDays(1));
            t = next.isBefore(target) ? next : target;
            simulation.advanceTo(t);
            flush();
            detail = "Backfilling demo history: day " + Math.min(++day, days) + " of " + days;
        }
        LOG.log(Level.INFO, "Demo backfill from {0} wrote {1} queue_log rows and {2} CDR rows in {3} ms",
                new Object[]{start, tables.queueLogWritten(), tables.cdrWritten(), (System.nanoTime() - began) / 1_000_000});
    }

    /** One live step; never throws, a scheduled task that throws would silently stop. */
    void tick() {
        try {
            Instant wall = clock.instant();
            Duration elapsed = Duration.between(wallStart, wall);
            if (settings.eventRate() > 0) {
                long target = eventsAtLiveStart + (long) (settings.eventRate() * elapsed.toNanos() / 1e9);
                simulation.advanceUntilAmiEvents(target, simulation.now().plus(Duration.ofDays(1)));
            } else {
                long simNanos = (long) (elapsed.toNanos() * settings.speed());
                simulation.advanceTo(simStart.plusNanos(simNanos));
            }
            if (System.nanoTime() - lastFlushNanos >= FLUSH_MILLIS * 1_000_000) {
                lastFlushNanos = System.nanoTime();
                flush();
            }
            if (lastTickFailure != null) {
                LOG.log(Level.INFO, "Demo contact center recovered from: {0}", lastTickFailure);
                lastTickFailure = null;
            }
        } catch (Exception e) {
            String failure = e.toString();
            if (!failure.equals(lastTickFailure)) {
                // one line per distinct failure, not one every tick
                LOG.log(Level.WARNING, "Demo contact center tick failed (rows stay buffered): {0}", failure);
                lastTickFailure = failure;
            }
        }
    }

    private void flush() throws Exception {
        tables.flush();
        if (file != null) {
            file.flush();
        }
    }

    private void fail(String message) {
        state = SourceStatus.State.FAILED;
        detail = message;
        LOG.severe(message);
    }

    /** The connector's login: host, actual port, user and this run's random secret. */
    public AmiEndpoint amiEndpoint() {
        AmiServer s = server;
        if (s == null) {
            throw new IllegalStateException("Demo AMI server is not listening: " + detail);
        }
        return s.endpoint();
    }

    public SourceStatus status() {
        AmiServer s = server;
        ContactCenterSimulation sim = simulation;
        Map<String, Long> counters = new LinkedHashMap<>();
        counters.put("amiClients", s == null ? 0L : s.clientCount());
        counters.put("amiClientsDropped", s == null ? 0L : s.clientsDropped());
        counters.put("amiEvents", s == null ? 0L : s.eventsBroadcast());
        counters.put("queueLogRows", tables.queueLogWritten());
        counters.put("cdrRows", tables.cdrWritten());
        counters.put("callsInProgress", sim == null ? 0L : sim.callsInProgress());
        counters.put("agentsLoggedIn", sim == null ? 0L : sim.agentsLoggedIn());
        boolean ready = state == SourceStatus.State.CONNECTED && s != null && s.isListening();
        return new SourceStatus(state, ready, detail, lastEventAt, counters);
    }

    /** The simulation (null before {@link #run()}); for tests and the benchmark. */
    public ContactCenterSimulation simulation() {
        return simulation;
    }

    /** Flushes what is buffered now (tests; the live loop flushes every second). */
    public void flushNow() throws Exception {
        flush();
    }

    @Override
    public void close() {
        ScheduledFuture<?> t = ticking;
        if (t != null) {
            t.cancel(false);
        }
        live = false;
        try {
            if (simulation != null) {
                synchronized (simulation) {
                    flush();
                }
            }
        } catch (Exception e) {
            LOG.log(Level.WARNING, "Demo contact center could not write its last rows: {0}", e.toString());
        }
        AmiServer s = server;
        if (s != null) {
            s.close();
        }
        if (state != SourceStatus.State.FAILED) {
            state = SourceStatus.State.STOPPED;
            detail = "stopped";
        }
    }

    /** Routes what the simulation produces: AMI to the server when live, rows to the writers always. */
    private final class Output implements PbxListener {
        @Override
        public boolean wantsAmi() {
            return live;
        }

        @Override
        public void amiEvent(AmiMessage event) {
            AmiServer s = server;
            if (s != null) {
                s.broadcast(event);
            }
            lastEventAt = clock.instant();
        }

        @Override
        public void queueLog(QueueLogRow row) {
            tables.add(row);
            if (file != null) {
                file.add(row);
            }
        }

        @Override
        public void cdr(CdrRow row) {
            tables.add(row);
            if (recordings != null) {
                recordings.write(row);
            }
        }
    }

    /** The AMI server is bound before the simulation exists: answer from whichever runs now. */
    private final class CurrentState implements AmiStateProvider {
        private AmiStateProvider current() {
            ContactCenterSimulation sim = simulation;
            return sim == null ? AmiStateProvider.EMPTY : sim;
        }

        @Override
        public List<AmiMessage> queueStatus(String queue, String member) {
            return current().queueStatus(queue, member);
        }

        @Override
        public void answerInOrder(Runnable answer) {
            current().answerInOrder(answer);
        }

        @Override
        public List<AmiMessage> queueSummary(String queue) {
            return current().queueSummary(queue);
        }

        @Override
        public List<AmiMessage> coreShowChannels() {
            return current().coreShowChannels();
        }
    }
}
