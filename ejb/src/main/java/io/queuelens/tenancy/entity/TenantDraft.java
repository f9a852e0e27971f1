package io.queuelens.tenancy.entity;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A tenant as typed into the admin form, checked field by field: {@link #problems()} maps each bad
 * field ({@code id}, {@code name}, {@code timeZone}, {@code locale}, {@code currency}) to the message
 * bundle key that explains it, so the page marks every field at once.
 */
public record TenantDraft(String id, String name, String timeZone, String locale, String currency) {

    public static final int MAX_NAME = 200;

    public Map<String, String> problems() {
        Map<String, String> p = new LinkedHashMap<>();
        if (id == null || !Tenant.ID_PATTERN.matcher(id.strip()).matches()) {
            p.put("id", "tenants.error.id");
        }
        if (name == null || name.isBlank()) {
            p.put("name", "tenants.error.nameRequired");
        } else if (name.strip().length() > MAX_NAME) {
            p.put("name", "tenants.error.nameLong");
        }
        if (zone() == null) {
            p.put("timeZone", "tenants.error.timeZone");
        }
        if (parsedLocale() == null) {
            p.put("locale", "tenants.error.locale");
        }
        if (parsedCurrency() == null) {
            p.put("currency", "tenants.error.currency");
        }
        return p;
    }

    public ZoneId zone() {
        if (timeZone == null || timeZone.isBlank()) {
            return null;
        }
        try {
            return ZoneId.of(timeZone.strip());
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** A well-formed language tag with a language Java knows ({@code en}, {@code pt-BR}). */
    public Locale parsedLocale() {
        if (locale == null || locale.isBlank()) {
            return null;
        }
        try {
            Locale l = new Locale.Builder().setLanguageTag(locale.strip()).build();
            return l.getLanguage().isEmpty() || l.getISO3Language().isEmpty() ? null : l;
        } catch (java.util.IllformedLocaleException | java.util.MissingResourceException e) {
            return null;
        }
    }

    public Currency parsedCurrency() {
        if (currency == null || !currency.strip().matches("[A-Z]{3}")) {
            return null;
        }
        try {
            return Currency.getInstance(currency.strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
