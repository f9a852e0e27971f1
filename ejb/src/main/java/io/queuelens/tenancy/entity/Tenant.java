package io.queuelens.tenancy.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Currency;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/** An organization using QueueLens. Every fact, setting and user grant belongs to exactly one. */
@Entity
@Table(name = "tenant")
@NamedQuery(name = "Tenant.findAll", query = "select t from Tenant t order by t.id")
public class Tenant {

    /** Tenant ids appear in URLs, channel names and file names: keep them plain. */
    public static final Pattern ID_PATTERN = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    @Id
    @Column(length = 64)
    private String id;

    @Column(nullable = false, length = 200)
    private String name;

    @Column(name = "time_zone", nullable = false, length = 64)
    private String timeZone;

    @Column(nullable = false, length = 16)
    private String locale;

    @Column(nullable = false, length = 3)
    private String currency;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected Tenant() {
        // for JPA
    }

    public Tenant(String id, String name, ZoneId timeZone, Locale locale, Currency currency) {
        if (id == null || !ID_PATTERN.matcher(id).matches()) {
            throw new IllegalArgumentException("tenant id must match " + ID_PATTERN + ": " + id);
        }
        this.id = id;
        this.name = requireText(name, "name");
        this.timeZone = Objects.requireNonNull(timeZone, "timeZone").getId();
        this.locale = Objects.requireNonNull(locale, "locale").toLanguageTag();
        this.currency = Objects.requireNonNull(currency, "currency").getCurrencyCode();
        this.createdAt = Instant.now();
    }

    /** Changes what an admin may edit; the id stays (it is in URLs, grants and every fact). */
    public void change(String name, ZoneId timeZone, Locale locale, Currency currency) {
        this.name = requireText(name, "name");
        this.timeZone = Objects.requireNonNull(timeZone, "timeZone").getId();
        this.locale = Objects.requireNonNull(locale, "locale").toLanguageTag();
        this.currency = Objects.requireNonNull(currency, "currency").getCurrencyCode();
    }

    private static String requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
        return value.strip();
    }

    public String getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public ZoneId getTimeZone() {
        return ZoneId.of(timeZone);
    }

    public Locale getLocale() {
        return Locale.forLanguageTag(locale);
    }

    public Currency getCurrency() {
        return Currency.getInstance(currency);
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
