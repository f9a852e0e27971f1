package io.queuelens.subscriptions.control;

import io.queuelens.exports.entity.ExportFormat;
import io.queuelens.exports.entity.ReportName;
import io.queuelens.subscriptions.entity.Frequency;
import io.queuelens.subscriptions.entity.InvalidSubscription;
import io.queuelens.subscriptions.entity.PeriodKind;
import io.queuelens.subscriptions.entity.Subscription;
import io.queuelens.subscriptions.entity.SubscriptionForm;
import io.queuelens.subscriptions.entity.SubscriptionProblem;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SubscriptionRulesTest {

    private static SubscriptionForm valid() {
        SubscriptionForm f = new SubscriptionForm();
        f.setReport("summary");
        f.setPeriod("last-week");
        f.setQueues(List.of("sales", " support ", ""));
        f.setFormats(List.of("xlsx", "pdf", "xlsx"));
        f.setRecipients(List.of("boss@example.com, payroll@example.com"));
        f.setFrequency("weekly");
        f.setWeekday("Monday");
        f.setTime("7:30");
        f.setTimeZone("America/New_York");
        return f;
    }

    @Test
    void aValidFormBecomesASubscription() {
        Subscription s = SubscriptionRules.check(valid(), 0, "acme", "mia");
        assertThat(s.report()).isEqualTo(ReportName.SUMMARY);
        assertThat(s.period()).isEqualTo(PeriodKind.LAST_WEEK);
        assertThat(s.queues()).containsExactly("sales", "support");
        assertThat(s.formats()).containsExactly(ExportFormat.XLSX, ExportFormat.PDF);
        assertThat(s.recipients()).containsExactly("boss@example.com", "payroll@example.com");
        assertThat(s.schedule().frequency()).isEqualTo(Frequency.WEEKLY);
        assertThat(s.schedule().weekday()).isEqualTo(DayOfWeek.MONDAY);
        assertThat(s.schedule().at()).isEqualTo(LocalTime.of(7, 30));
        assertThat(s.zone()).isEqualTo(ZoneId.of("America/New_York"));
        assertThat(s.enabled()).isTrue();
    }

    @Test
    void everyProblemIsNamedByItsField() {
        SubscriptionForm f = new SubscriptionForm();
        f.setReport("nope");
        f.setPeriod("someday");
        f.setFormats(List.of());
        f.setRecipients(List.of());
        f.setFrequency("weekly");
        f.setWeekday("funday");
        f.setTime("25:00");
        f.setTimeZone("Mars/Olympus");
        assertThatThrownBy(() -> SubscriptionRules.check(f, 0, "acme", "mia"))
                .isInstanceOfSatisfying(InvalidSubscription.class, e -> assertThat(e.problems())
                        .extracting(SubscriptionProblem::field)
                        .containsExactlyInAnyOrder("report", "period", "timeZone", "formats", "recipients", "time", "weekday"));
    }

    @Test
    void badEmailIsNamed() {
        SubscriptionForm f = valid();
        f.setRecipients(List.of("ok@example.com", "not-an-address"));
        assertThatThrownBy(() -> SubscriptionRules.check(f, 0, "acme", "mia"))
                .isInstanceOfSatisfying(InvalidSubscription.class, e -> {
                    assertThat(e.problems()).hasSize(1);
                    assertThat(e.problems().get(0).field()).isEqualTo("recipients");
                    assertThat(e.problems().get(0).key()).isEqualTo("recipientInvalid");
                    assertThat(e.problems().get(0).message()).contains("not-an-address");
                });
    }

    @Test
    void noRecipientAndNoFormatHaveTheirOwnKeys() {
        SubscriptionForm f = valid();
        f.setRecipients(List.of(" "));
        f.setFormats(null);
        assertThatThrownBy(() -> SubscriptionRules.check(f, 0, "acme", "mia"))
                .isInstanceOfSatisfying(InvalidSubscription.class, e -> assertThat(e.problems())
                        .extracting(SubscriptionProblem::key).containsExactlyInAnyOrder("recipientNone", "formatNone"));
    }

    @Test
    void unknownFormatIsNamed() {
        SubscriptionForm f = valid();
        f.setFormats(List.of("docx"));
        assertThatThrownBy(() -> SubscriptionRules.check(f, 0, "acme", "mia"))
                .isInstanceOfSatisfying(InvalidSubscription.class, e -> assertThat(e.problems())
                        .extracting(SubscriptionProblem::key).containsExactly("formatUnknown"));
    }

    @Test
    void badTimesAreRefused() {
        for (String t : new String[]{"24:00", "7", "07:5", "7.30", "", null, "12:60"}) {
            SubscriptionForm f = valid();
            f.setTime(t);
            assertThatThrownBy(() -> SubscriptionRules.check(f, 0, "acme", "mia")).as(String.valueOf(t))
                    .isInstanceOfSatisfying(InvalidSubscription.class, e -> assertThat(e.problems())
                            .extracting(SubscriptionProblem::field).containsExactly("time"));
        }
    }

    @Test
    void monthlyNeedsADayOfMonth() {
        SubscriptionForm f = valid();
        f.setFrequency("monthly");
        f.setDayOfMonth(32);
        assertThatThrownBy(() -> SubscriptionRules.check(f, 0, "acme", "mia"))
                .isInstanceOfSatisfying(InvalidSubscription.class, e -> assertThat(e.problems())
                        .extracting(SubscriptionProblem::field).containsExactly("dayOfMonth"));
        f.setDayOfMonth(31);
        Subscription s = SubscriptionRules.check(f, 0, "acme", "mia");
        assertThat(s.schedule().dayOfMonth()).isEqualTo(31);
        assertThat(s.schedule().weekday()).isNull();
    }

    @Test
    void blankTimeZoneMeansTheTenants() {
        SubscriptionForm f = valid();
        f.setTimeZone(" ");
        assertThat(SubscriptionRules.check(f, 0, "acme", "mia").zoneOr(ZoneId.of("Europe/Berlin"))).isEqualTo(ZoneId.of("Europe/Berlin"));
    }

    @Test
    void formRoundTrips() {
        Subscription s = SubscriptionRules.check(valid(), 7, "acme", "mia");
        Subscription again = SubscriptionRules.check(SubscriptionForm.of(s), 7, "acme", "mia");
        assertThat(again).isEqualTo(s);
    }
}
