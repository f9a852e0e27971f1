package io.queuelens.exports.control;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

class CellsTest {

    @Test
    void durationsAreHoursMinutesSecondsWithoutWrappingAtADay() {
        assertThat(Cells.duration(0)).isEqualTo("0:00:00");
        assertThat(Cells.duration(59.4)).isEqualTo("0:00:59");
        assertThat(Cells.duration(59.5)).isEqualTo("0:01:00");
        assertThat(Cells.duration(3_599)).isEqualTo("0:59:59");
        assertThat(Cells.duration(90_061)).isEqualTo("25:01:01");
        assertThat(Cells.duration(-61)).isEqualTo("-0:01:01");
        assertThat(Cells.duration(null)).isEmpty();
    }

    @Test
    void excelDurationsAreFractionsOfADay() {
        assertThat(Cells.excelDays(43_200)).isEqualTo(0.5);
        assertThat(Cells.excelDays(90)).isEqualTo(90 / 86_400d);
    }

    @Test
    void excelSerialsAreLocalDaysSince1899() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        assertThat(Cells.excelSerial(Instant.parse("1970-01-01T00:00:00Z"), ZoneId.of("UTC"))).isEqualTo(25_569d);
        // 2026-11-20 08:15 in Berlin (UTC+1): serial 46346 + 8.25 h
        assertThat(Cells.excelSerial(Instant.parse("2026-11-20T07:15:00Z"), berlin))
                .isCloseTo(org.apache.poi.ss.usermodel.DateUtil.getExcelDate(java.time.LocalDateTime.parse("2026-11-20T08:15:00")),
                        org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void numbersHaveADotNoExponentAndNoTrailingZeros() {
        assertThat(Cells.number(12.5d, 3)).isEqualTo("12.5");
        assertThat(Cells.number(1e7, 3)).isEqualTo("10000000");
        assertThat(Cells.number(2.0 / 3, 3)).isEqualTo("0.667");
        assertThat(Cells.number(0.0001, 3)).isEqualTo("0");
        assertThat(Cells.number(42L, 3)).isEqualTo("42");
        assertThat(Cells.number(Double.NaN, 3)).isEmpty();
    }

    @Test
    void csvFieldsAreQuotedOnlyWhenNeededWithQuotesDoubled() {
        assertThat(Cells.csvField("plain")).isEqualTo("plain");
        assertThat(Cells.csvField("a,b")).isEqualTo("\"a,b\"");
        assertThat(Cells.csvField("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(Cells.csvField("two\r\nlines")).isEqualTo("\"two\r\nlines\"");
        assertThat(Cells.csvField("line\n")).isEqualTo("\"line\n\"");
        assertThat(Cells.csvField("Müller Ğ Ж")).isEqualTo("Müller Ğ Ж");
        assertThat(Cells.csvField("")).isEmpty();
        assertThat(Cells.csvField(null)).isEmpty();
    }

    @Test
    void formulasAreDefusedButPhoneNumbersAreNot() {
        assertThat(Cells.csvField("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
        assertThat(Cells.csvField("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(Cells.csvField("+cmd")).isEqualTo("'+cmd");
        assertThat(Cells.csvField("-")).isEqualTo("'-");
        assertThat(Cells.csvField("+4930123456")).isEqualTo("+4930123456");
        assertThat(Cells.csvField("-5")).isEqualTo("-5");
    }

    @Test
    void timesCarryTheZonesOffsetSoDstNightsAreUnambiguous() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        // 2026-10-25: 02:30 happens twice in Berlin.
        assertThat(Cells.isoTime(Instant.parse("2026-10-25T00:30:00Z"), berlin)).isEqualTo("2026-10-25T02:30+02:00");
        assertThat(Cells.isoTime(Instant.parse("2026-10-25T01:30:00Z"), berlin)).isEqualTo("2026-10-25T02:30+01:00");
        assertThat(Cells.readableTime(Instant.parse("2026-11-20T07:15:00.400Z"), berlin)).isEqualTo("2026-11-20 08:15:00");
    }
}
