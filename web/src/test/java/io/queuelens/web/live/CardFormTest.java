package io.queuelens.web.live;

import io.queuelens.wallboards.entity.Threshold;
import io.queuelens.wallboards.entity.WallboardCard;
import io.queuelens.wallboards.entity.WallboardFigure;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The editor's card: thresholds typed as text, read back as the card stores them. */
class CardFormTest {

    @Test
    void thresholdsAreReadInAnyOfTheUsualSpellings() {
        CardForm form = CardForm.of(WallboardCard.defaultFor("sales"));
        form.setThresholds("waiting 3/6;serviceLevel: 80 60 ; asa 20/40.5;");
        List<String> bad = new ArrayList<>();
        WallboardCard card = form.toCard(bad).orElseThrow();
        assertThat(bad).isEmpty();
        assertThat(card.thresholds()).isEqualTo(Map.of(WallboardFigure.WAITING, new Threshold(3, 6),
                WallboardFigure.SERVICE_LEVEL, new Threshold(80, 60), WallboardFigure.ASA, new Threshold(20, 40.5)));
        assertThat(CardForm.of(card).getThresholds()).isEqualTo("waiting 3/6; serviceLevel 80/60; asa 20/40.5");
        assertThat(form.getThresholdsJson()).contains("\"waiting\":[3.0,6.0]");
    }

    @Test
    void anUnknownFigureOrNumberIsReportedAsTyped() {
        CardForm form = CardForm.of(WallboardCard.defaultFor("sales"));
        form.setThresholds("waiting 3/6; queue 1/2; asa x/4");
        List<String> bad = new ArrayList<>();
        assertThat(form.toCard(bad)).isEmpty();
        assertThat(bad).containsExactly("queue 1/2", "asa x/4");
        assertThat(form.getThresholdsJson()).isEqualTo("{}");
    }

    @Test
    void onlyAColourCanReachTheStyleAttribute() {
        CardForm form = CardForm.of(WallboardCard.defaultFor(null));
        form.setColor("red;background:url(x)");
        assertThat(form.getCssColor()).isEqualTo(WallboardCard.DEFAULT_COLOR);
        form.setColor("#00aa00");
        assertThat(form.getCssColor()).isEqualTo("#00aa00");
        assertThat(form.getGroupKey()).isEqualTo("*");
        form.setQueues(List.of("support", "billing"));
        assertThat(form.getGroupKey()).isEqualTo("billing,support");
    }
}
