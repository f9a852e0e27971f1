package io.queuelens.web.reports;

import io.queuelens.cdrs.entity.CdrQuery;
import io.queuelens.cdrs.entity.CdrSort;
import io.queuelens.reports.entity.InvalidReportRequest;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

/** The CDR page's URL parameters become a query, or problems named by their parameter; sort fields are whitelisted. */
class CdrFiltersTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    static CdrFilters filters(String from, String to, String tz) {
        CdrFilters f = new CdrFilters();
        f.setTenant("demo");
        f.setFrom(from);
        f.setTo(to);
        f.setTz(tz);
        return f;
    }

    @Test
    void datesAreReadInTheZoneAndTheLastDayIsIncluded() {
        CdrFilters f = filters("2026-03-01", "2026-03-03", "Europe/Berlin");
        f.setNumber(" 0301 ");
        f.setDisposition("NO ANSWER");
        CdrQuery q = f.query(BERLIN, CdrSort.BILLSEC, true, 50, 25);
        assertThat(q.from()).isEqualTo(Instant.parse("2026-02-28T23:00:00Z"));
        assertThat(q.to()).isEqualTo(Instant.parse("2026-03-02T23:00:00Z"));
        assertThat(q.number()).isEqualTo("0301");
        assertThat(q.disposition()).isEqualTo("NO ANSWER");
        assertThat(q.sort()).isEqualTo(CdrSort.BILLSEC);
        assertThat(q.offset()).isEqualTo(50);
        assertThat(f.getToDate()).isEqualTo(LocalDate.of(2026, 3, 2));
    }

    @Test
    void unsetFiltersBecomeTheLastSevenDaysInTheTenantsZone() {
        CdrFilters f = filters(null, null, null);
        f.fillDefaults(BERLIN);
        assertThat(f.getTz()).isEqualTo("Europe/Berlin");
        assertThat(f.getToDate()).isEqualTo(LocalDate.now(BERLIN));
        assertThat(f.getFromDate()).isEqualTo(LocalDate.now(BERLIN).minusDays(6));
        assertThat(f.query(BERLIN, null, false, 0, 25).sort()).isEqualTo(CdrSort.CALLDATE);
    }

    @Test
    void badParametersAreNamed() {
        assertThat(problem(filters("2026-03-01", "2026-03-03", "Mars/Olympus"))).isEqualTo("tz");
        assertThat(problem(filters("yesterday", "2026-03-03", "UTC"))).isEqualTo("from");
        assertThat(problem(filters("2026-03-05", "2026-03-03", "UTC"))).isEqualTo("to");
        CdrFilters f = filters("2026-03-01", "2026-03-03", "UTC");
        f.setDisposition("MAYBE");
        assertThat(problem(f)).isEqualTo("disposition");
        f = filters("2026-03-01", "2026-03-03", "UTC");
        f.setAgent("x".repeat(81));
        assertThat(problem(f)).isEqualTo("agent");
    }

    @Test
    void tableSortFieldsGoThroughTheWhitelist() {
        assertThat(CdrLazyModel.sortOf("duration")).isEqualTo(CdrSort.DURATION);
        assertThat(CdrLazyModel.sortOf("callerName()")).isEqualTo(CdrSort.CALLER_NAME);
        assertThat(CdrLazyModel.sortOf("uniqueid desc; drop table x")).isEqualTo(CdrSort.CALLDATE);
        assertThat(CdrLazyModel.sortOf(null)).isEqualTo(CdrSort.CALLDATE);
        assertThat(CdrBacking.duration(3725)).isEqualTo("62:05");
    }

    private static String problem(CdrFilters f) {
        try {
            f.query(ZoneId.of("UTC"), null, false, 0, 25);
        } catch (InvalidReportRequest e) {
            return e.parameter();
        }
        throw new AssertionError("no problem found");
    }
}
