package io.queuelens.sources.genesys.control;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * When an org's day is cross-checked without anyone asking: once the tenant's local clock has passed
 * the configured time, yesterday (tenant time zone) is due. A day is launched under one key per org,
 * so a later tick, a restart or a second server sharing the database finds it launched already.
 */
public final class NightlyCrossCheck {

    private NightlyCrossCheck() {
    }

    /** The day due at {@code now} in {@code zone}: yesterday once the local time is {@code at} or later, else none. */
    public static Optional<LocalDate> dueDay(Instant now, ZoneId zone, LocalTime at) {
        ZonedDateTime local = now.atZone(zone);
        return local.toLocalTime().isBefore(at) ? Optional.empty() : Optional.of(local.toLocalDate().minusDays(1));
    }

    /** The job registry's business key of one org's day: the same for every server and every tick. */
    public static String key(String org, LocalDate day) {
        return "crosscheck " + org + " " + day;
    }

    /**
     * The configured time of day, {@code HH:MM}.
     *
     * @throws IllegalArgumentException naming the setting when it is not a time
     */
    public static LocalTime time(String setting) {
        try {
            return LocalTime.parse(setting == null ? "" : setting.strip());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("queuelens.genesys.crosscheck-time must be a time HH:MM, was '" + setting + "'");
        }
    }
}
