package io.queuelens.sources.demo.entity;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Objects;

/**
 * The demo's configuration ({@code queuelens.demo.*}), validated once.
 *
 * @param eventRate    target AMI events per second; 0 = natural pace (wall clock times speed)
 * @param amiPort      0 = any free port
 * @param queueLogFile a pipe-format queue_log file to append to, or null
 * @param recordingsDir where the demo writes the audio of its recorded calls, or null for none
 * @param tickMillis   ms between live simulation steps; a step sends the AMI events of its slice in one burst
 */
public record DemoSettings(String tenant, ZoneId zone, long seed, int agents, double speed, double eventRate,
                           int backfillDays, String amiHost, int amiPort, Path queueLogFile,
                           Path recordingsDir, int tickMillis) {

    public static final int DEFAULT_TICK_MILLIS = 100;

    public static final int MIN_AGENTS = 10;
    public static final int MAX_AGENTS = 200;

    /** Without recordings (tests of the simulation and its tables). */
    public DemoSettings(String tenant, ZoneId zone, long seed, int agents, double speed, double eventRate,
                        int backfillDays, String amiHost, int amiPort, Path queueLogFile) {
        this(tenant, zone, seed, agents, speed, eventRate, backfillDays, amiHost, amiPort, queueLogFile, null,
                DEFAULT_TICK_MILLIS);
    }

    public DemoSettings {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(amiHost, "amiHost");
        if (agents < MIN_AGENTS || agents > MAX_AGENTS) {
            throw new IllegalArgumentException("queuelens.demo.agents must be " + MIN_AGENTS + " to " + MAX_AGENTS + ": " + agents);
        }
        if (!(speed > 0)) {
            throw new IllegalArgumentException("queuelens.demo.speed must be > 0: " + speed);
        }
        if (eventRate < 0) {
            throw new IllegalArgumentException("queuelens.demo.event-rate must be >= 0: " + eventRate);
        }
        if (backfillDays < 0 || backfillDays > 3660) {
            throw new IllegalArgumentException("queuelens.demo.backfill-days must be 0 to 3660: " + backfillDays);
        }
        if (tickMillis < 1 || tickMillis > 1000) {
            throw new IllegalArgumentException("queuelens.demo.tick-millis must be 1 to 1000: " + tickMillis);
        }
        if (amiPort < 0 || amiPort > 65535) {
            throw new IllegalArgumentException("queuelens.demo.ami.port must be 0 to 65535: " + amiPort);
        }
    }
}
