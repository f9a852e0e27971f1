package io.queuelens.bench;

import io.queuelens.kpi.entity.KpiSettings;
import io.queuelens.live.control.LiveFeed;
import io.queuelens.live.control.LiveModel;
import io.queuelens.live.entity.LiveSnapshot;
import io.queuelens.sources.asterisk.control.AmiConnector;
import io.queuelens.sources.asterisk.entity.AmiSettings;
import io.queuelens.sources.boundary.SourceStatus;
import io.queuelens.sources.demo.control.AmiServer;
import io.queuelens.sources.demo.control.ContactCenterSimulation;
import io.queuelens.sources.demo.control.PbxListener;
import io.queuelens.sources.demo.entity.AmiMessage;
import io.queuelens.sources.demo.entity.QueueDefinition;
import org.asteriskjava.manager.event.ManagerEvent;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The live model's throughput bar: the demo's contact-center simulation drives the demo's AMI server at
 * a target event rate over loopback TCP; the app's AMI connector (asterisk-java) reads it and feeds a
 * tenant's live model through its single writer, which publishes a snapshot per batch. Every event
 * carries the time it was sent ({@code Timestamp}, as Asterisk does with {@code timestampevents=yes}),
 * so the lag from sent to applied is measured per event; a model that falls behind shows a growing
 * backlog and lag.
 * <p>
 * Usage: {@code LiveModelLoad [RATE] [SECONDS] [AGENTS] [WARMUP_SECONDS]} (defaults 25000 30 200 10).
 */
public final class LiveModelLoad {

    public static void main(String[] args) throws Exception {
        double rate = args.length > 0 ? Double.parseDouble(args[0]) : 25_000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        int agents = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        int warmup = args.length > 3 ? Integer.parseInt(args[3]) : 10;

        ZoneId zone = ZoneId.of("Europe/Berlin");
        Instant start = Instant.now();
        AtomicReference<AmiServer> server = new AtomicReference<>();
        AtomicLong sent = new AtomicLong();
        ContactCenterSimulation sim = new ContactCenterSimulation(42, start, zone, agents, QueueDefinition.defaults(),
                new PbxListener() {
                    @Override
                    public void amiEvent(AmiMessage event) {
                        long micros = System.currentTimeMillis() * 1000 + (System.nanoTime() / 1000) % 1000;
                        server.get().broadcast(AmiMessage.builder().addAll(event)
                                .add("Timestamp", String.format(Locale.ROOT, "%d.%06d", micros / 1_000_000, micros % 1_000_000))
                                .build());
                        sent.incrementAndGet();
                    }
                });
        AmiServer ami = new AmiServer("127.0.0.1", 0, "bench", "bench-secret", sim, Executors.defaultThreadFactory(), 1_000_000);
        ami.start();
        server.set(ami);

        LiveModel model = new LiveModel("bench", zone, (q, at) -> KpiSettings.DEFAULTS, 50_000, Instant.now());
        AtomicReference<LiveSnapshot> latest = new AtomicReference<>();
        LiveFeed feed = new LiveFeed("bench", model, 0, s -> {
            latest.set(s);
            return s;
        }, Executors.defaultThreadFactory(), 200_000,
                Clock.systemUTC());
        feed.start();
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        AtomicLong received = new AtomicLong();
        AmiConnector connector = new AmiConnector("bench", "bench-ami",
                new AmiSettings("127.0.0.1", ami.port(), "bench", "bench-secret", "bench"), scheduler,
                new AmiConnector.Listener() {
                    @Override
                    public void event(ManagerEvent event) {
                        received.incrementAndGet();
                        feed.offer("bench-ami", event);
                    }

                    @Override
                    public void connected(boolean up) {
                        feed.connected("bench-ami", up);
                    }
                }, Duration.ofSeconds(10), Duration.ofSeconds(5));
        connector.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (connector.status().state() != SourceStatus.State.CONNECTED || ami.clientCount() == 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("connector did not log in: " + connector.status());
            }
            Thread.sleep(20);
        }
        Thread.sleep(500); // the first QueueStatus answer

        System.out.printf(Locale.ROOT, "live-model load: target %.0f events/s, %d agents, warm-up %d s, measured %d s, %d cores%n",
                rate, agents, warmup, seconds, Runtime.getRuntime().availableProcessors());
        drive(sim, rate, warmup, feed, null);
        feed.queueLag().reset();
        feed.sourceLag().reset();
        long sent0 = sent.get();
        long received0 = received.get();
        long snapshots0 = feed.snapshotsPublished();
        long batches0 = feed.batches();
        long cpu0 = processCpuNanos();
        long t0 = System.nanoTime();
        int[] maxBacklog = new int[1];
        drive(sim, rate, seconds, feed, maxBacklog);
        double elapsed = (System.nanoTime() - t0) / 1e9;
        long cpu = processCpuNanos() - cpu0;
        String load = Files.readString(Path.of("/proc/loadavg")).trim();
        long sentN = sent.get() - sent0;
        // caught up? everything sent is applied within a second of the end
        long caughtDeadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while ((received.get() < sent.get() || feed.backlog() > 0) && System.nanoTime() < caughtDeadline) {
            Thread.sleep(5);
        }
        double drainMs = (System.nanoTime() - t0) / 1e6 - elapsed * 1000;
        long receivedN = received.get() - received0;
        LiveFeed.SourceCounters c = feed.counters("bench-ami");
        System.out.printf(Locale.ROOT, "sent %,d events in %.1f s = %,.0f events/s; received %,d (%,.0f/s); backlog max %,d, after %.0f ms: %d%n",
                sentN, elapsed, sentN / elapsed, receivedN, receivedN / elapsed, maxBacklog[0], drainMs, feed.backlog());
        System.out.printf(Locale.ROOT, "applied %,d, ignored %,d, malformed %,d, dropped %,d (whole run)%n",
                c.applied(), c.ignored(), c.malformed(), c.dropped());
        System.out.printf(Locale.ROOT, "lag sent -> applied: p50 %.2f ms, p99 %.2f ms; received -> applied: p50 %.3f ms, p99 %.3f ms%n",
                feed.sourceLag().percentile(50) / 1000.0, feed.sourceLag().percentile(99) / 1000.0,
                feed.queueLag().percentile(50) / 1000.0, feed.queueLag().percentile(99) / 1000.0);
        long batches = feed.batches() - batches0;
        System.out.printf(Locale.ROOT, "snapshots published %,d (%.0f/s), %.1f events per batch; process CPU %.2f cores; loadavg %s%n",
                feed.snapshotsPublished() - snapshots0, (feed.snapshotsPublished() - snapshots0) / elapsed,
                batches == 0 ? 0.0 : (double) receivedN / batches, cpu / 1e9 / elapsed, load);
        LiveSnapshot s = latest.get();
        System.out.printf(Locale.ROOT, "model: %d queues, %d members, %d callers waiting, %d calls followed, %d evicted, sim %s%n",
                s.queues().size(), s.members().size(),
                s.queues().values().stream().mapToInt(q -> q.waiting().size()).sum(), model.visitsFollowed(),
                model.visitsEvicted(), sim.now());
        Map<String, Long> counters = connector.status().counters();
        System.out.println("connector: " + counters);
        connector.close();
        feed.close();
        ami.close();
        scheduler.shutdownNow();
        System.exit(0);
    }

    /** Holds the target rate for {@code seconds}: every 5 ms the simulation runs until the events due by now are out. */
    private static void drive(ContactCenterSimulation sim, double rate, int seconds, LiveFeed feed, int[] maxBacklog)
            throws InterruptedException {
        long base = sim.amiEvents();
        long t0 = System.nanoTime();
        long end = t0 + Duration.ofSeconds(seconds).toNanos();
        while (System.nanoTime() < end) {
            long target = base + (long) (rate * (System.nanoTime() - t0) / 1e9);
            sim.advanceUntilAmiEvents(target, sim.now().plus(Duration.ofDays(1)));
            if (maxBacklog != null) {
                maxBacklog[0] = Math.max(maxBacklog[0], feed.backlog());
            }
            Thread.sleep(5);
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
