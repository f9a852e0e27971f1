package io.queuelens.exports.control;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * How values become text in CSV and PDF, the same for every report: durations as h:mm:ss (hours not
 * wrapped at 24), numbers with a dot and no exponent, times in the report's zone.
 */
public final class Cells {

    private static final DateTimeFormatter READABLE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private Cells() {
    }

    /** Seconds as h:mm:ss, rounded to the second: 59.5 -> 0:01:00, 90061 -> 25:01:01. Null -> "". */
    public static String duration(Number seconds) {
        if (seconds == null) {
            return "";
        }
        long s = Math.round(Math.abs(seconds.doubleValue()));
        String sign = seconds.doubleValue() < 0 && s > 0 ? "-" : "";
        return String.format("%s%d:%02d:%02d", sign, s / 3600, s / 60 % 60, s % 60);
    }

    /** Seconds as a spreadsheet duration: a fraction of a day. */
    public static double excelDays(Number seconds) {
        return seconds.doubleValue() / 86_400d;
    }

    /**
     * An instant as a spreadsheet date-time serial in the zone: days since 1899-12-30 (Excel's 1900
     * date system, right from 1900-03-01 on), the local time as the fraction. Computed directly rather
     * than through LocalDateTime: a million-row sheet has millions of time cells.
     */
    public static double excelSerial(Instant t, ZoneId zone) {
        long local = t.getEpochSecond() + zone.getRules().getOffset(t).getTotalSeconds();
        return 25_569d + (local + t.getNano() / 1e9) / 86_400d;
    }

    /** A number without exponent or trailing zeros, at most {@code decimals} decimals: 12.50 -> 12.5, 1e7 -> 10000000. */
    public static String number(Number n, int decimals) {
        if (n == null) {
            return "";
        }
        if (n instanceof Long || n instanceof Integer) {
            return n.toString();
        }
        double d = n.doubleValue();
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return "";
        }
        BigDecimal b = BigDecimal.valueOf(d).setScale(decimals, RoundingMode.HALF_UP).stripTrailingZeros();
        return b.signum() == 0 ? "0" : b.toPlainString();
    }

    /** ISO-8601 with the zone's offset (2026-11-20T08:15:00+01:00): unambiguous on DST nights. */
    public static String isoTime(Instant t, ZoneId zone) {
        return t == null ? "" : OffsetDateTime.ofInstant(t, zone).withNano(0).toString();
    }

    /** For people (PDF): 2026-11-20 08:15:00 in the zone. */
    public static String readableTime(Instant t, ZoneId zone) {
        return t == null ? "" : READABLE.format(t.atZone(zone));
    }

    /**
     * One CSV field per RFC 4180: quoted when it holds a comma, a quote, CR or LF (quotes doubled).
     * Text a spreadsheet would run as a formula (starting with =, @, tab or CR, or with + or - not
     * followed by a digit: "+4930..." stays a phone number) gets a leading apostrophe, so a caller
     * name from a PBX cannot become a formula on a manager's machine (CSV injection).
     */
    public static String csvField(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String v = defuseFormula(value);
        boolean quote = false;
        for (int i = 0; i < v.length() && !quote; i++) {
            char c = v.charAt(i);
            quote = c == ',' || c == '"' || c == '\r' || c == '\n';
        }
        return quote ? '"' + v.replace("\"", "\"\"") + '"' : v;
    }

    static String defuseFormula(String v) {
        char first = v.charAt(0);
        boolean risky = first == '=' || first == '@' || first == '\t' || first == '\r'
                || ((first == '+' || first == '-') && (v.length() == 1 || !Character.isDigit(v.charAt(1))));
        return risky ? "'" + v : v;
    }
}
