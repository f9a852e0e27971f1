package io.queuelens.web.reports;

import org.junit.jupiter.api.Test;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

class FigureFormatTest {

    @Test
    void percentagesHaveOneDecimalInTheLocalesStyle() {
        assertThat(new FigureFormat(Locale.ENGLISH).format("serviceLevel", 83.25)).isEqualTo("83.3%");
        assertThat(new FigureFormat(Locale.forLanguageTag("tr")).format("serviceLevel", 83.2)).isEqualTo("%83,2");
        assertThat(new FigureFormat(Locale.forLanguageTag("ru")).format("abandonRate", 5.0)).startsWith("5,0").endsWith("%");
    }

    @Test
    void timesAreMinutesAndSecondsAndCountsAreGrouped() {
        assertThat(new FigureFormat(Locale.ENGLISH).format("aht", 338.87)).isEqualTo("5:39");
        assertThat(new FigureFormat(Locale.ENGLISH).format("asa", 9.4)).isEqualTo("0:09");
        assertThat(FigureFormat.minutesSeconds(3600)).isEqualTo("60:00");
        assertThat(new FigureFormat(Locale.ENGLISH).format("offered", 6479L)).isEqualTo("6,479");
    }

    @Test
    void missingFiguresShowADash() {
        assertThat(new FigureFormat(Locale.ENGLISH).format("serviceLevel", null)).isEqualTo(FigureFormat.NO_DATA);
    }
}
