package io.queuelens.web.i18n;

import io.queuelens.tenancy.boundary.Tenants;
import io.queuelens.tenancy.entity.Tenant;
import io.queuelens.web.security.Caller;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.text.NumberFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import java.util.Optional;

/**
 * Dates and numbers for pages, in the user's language and the tenant's time zone:
 * {@code #{fmt.dateTime(instant)}}, {@code #{fmt.date(instant)}}, {@code #{fmt.number(x)}},
 * {@code #{fmt.duration(seconds)}}. The zone is that of the page's {@code tenant} parameter when the
 * caller may see it, else of the caller's first tenant, else UTC; {@link #zoneName()} says which.
 */
@Named("fmt")
@RequestScoped
public class Fmt {

    /** What a page shows for a value that is not there. */
    public static final String NONE = "—";

    @Inject
    Tenants tenants;

    @Inject
    Caller caller;

    private Locale locale;
    private ZoneId zone;

    public String dateTime(Instant at) {
        return at == null ? NONE : DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
                .withLocale(locale()).withZone(zone()).format(at);
    }

    public String date(Instant at) {
        return at == null ? NONE : DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale()).withZone(zone()).format(at);
    }

    public String number(Number n) {
        if (n == null) {
            return NONE;
        }
        NumberFormat f = NumberFormat.getNumberInstance(locale());
        f.setMaximumFractionDigits(2);
        return f.format(n);
    }

    /** Seconds as h:mm:ss (m:ss under an hour), the same in every language. */
    public String duration(Number seconds) {
        if (seconds == null) {
            return NONE;
        }
        long s = Math.max(0, Math.round(seconds.doubleValue()));
        long h = s / 3600;
        long m = (s % 3600) / 60;
        long r = s % 60;
        return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, r) : String.format(Locale.ROOT, "%d:%02d", m, r);
    }

    /** The zone dates are shown in, for a note next to them. */
    public String zoneName() {
        return zone().getId();
    }

    /** The BCP 47 tag of the page's language: {@code <html lang>} and the live script's Intl formats. */
    public String languageTag() {
        return locale().toLanguageTag();
    }

    private Locale locale() {
        if (locale == null) {
            FacesContext faces = FacesContext.getCurrentInstance();
            locale = faces != null && faces.getViewRoot() != null ? faces.getViewRoot().getLocale() : Locale.ENGLISH;
        }
        return locale;
    }

    private ZoneId zone() {
        if (zone == null) {
            zone = tenantZone().orElse(ZoneOffset.UTC);
        }
        return zone;
    }

    private Optional<ZoneId> tenantZone() {
        FacesContext faces = FacesContext.getCurrentInstance();
        String asked = faces == null ? null : faces.getExternalContext().getRequestParameterMap().get("tenant");
        if (asked != null && caller.mayViewTenant(asked.strip())) {
            Optional<Tenant> t = tenants.find(asked.strip());
            if (t.isPresent()) {
                return Optional.of(t.get().getTimeZone());
            }
        }
        return caller.visible(tenants.findAll()).stream().findFirst().map(Tenant::getTimeZone);
    }
}
