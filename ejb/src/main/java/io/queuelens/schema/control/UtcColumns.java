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
        return instant == null ? null : LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    public static Instant instant(LocalDateTime column) {
        return column == null ? null : column.toInstant(ZoneOffset.UTC);
    }
}
