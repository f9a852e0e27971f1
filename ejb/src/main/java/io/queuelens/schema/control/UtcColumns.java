package io.queuelens.schema.control;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Every time column of the app database holds a UTC wall time ({@code DATETIME}). Values are bound
 * and read as {@code LocalDateTime}, which H2 and mysql-connector-j pass through unchanged, so
 * neither the JVM's nor the database session's zone can shift them.
 */
public final class UtcColumns {

    private UtcColumns() {
    }

    public static LocalDateTime of(Instant instant) {
        // not LocalDateTime.ofInstant: on Java 17 its ZoneOffset.getRules() builds new ZoneRules per call, the largest
        // single leaf of a bulk import's CPU profile (a million times as statement text)
        return instant == null ? null : LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(), ZoneOffset.UTC);
    }

    /**
     * For a {@code DATETIME(3)} value that is compared with "now" soon after it is written, such as an
     * outbox row's next attempt. MariaDB cuts the digits a column does not hold, but H2 rounds them: a
     * row written at 12:00:00.3025 became due at .303, and a "due at .3028?" query in that millisecond
     * missed it. Cut here, both databases store the same value, never after the instant given.
     */
    public static LocalDateTime ofMillis(Instant instant) {
        return instant == null ? null : of(instant.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
    }

    public static Instant instant(LocalDateTime column) {
        return column == null ? null : column.toInstant(ZoneOffset.UTC);
    }
}
