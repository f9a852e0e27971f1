package io.queuelens.subscriptions.control;

import io.queuelens.exports.entity.Headline;
import io.queuelens.exports.entity.ReportName;
import io.queuelens.mail.entity.MailMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class SubscriptionMailTest {

    private static final Headline HEADLINE = new Headline("Summary", "2026-12-03 00:00 – 2026-12-04 00:00 (Europe/Berlin)",
            List.of(new Headline.Figure("offered", "Offered", 120L, "120"),
                    new Headline.Figure("serviceLevel", "Service level", 81.5, "81.5 %"),
                    new Headline.Figure("odd", "<b>Odd</b>", null, "<script>x</script>")));

    @TempDir
    Path dir;

    @Test
    void attachesTheFilesAndShowsTheFiguresEscaped() throws IOException {
        Path xlsx = Files.writeString(dir.resolve("a.xlsx"), "x");
        MailMessage m = SubscriptionMail.compose(ReportName.SUMMARY, HEADLINE, "mia<x>", 7, List.of("boss@example.com"),
                Locale.ENGLISH, ZoneId.of("Europe/Berlin"),
                List.of(new SubscriptionMail.File("a.xlsx", "application/x", xlsx, null)), null, "10");
        assertThat(m.subject()).isEqualTo("Summary: 2026-12-03 00:00 – 2026-12-04 00:00 (Europe/Berlin)");
        assertThat(m.htmlBody()).contains("<th style=\"text-align: left; padding: 2px 12px 2px 0;\">Offered</th>")
                .contains("data-key=\"offered\">120</td>")
                .contains("&lt;b&gt;Odd&lt;/b&gt;").contains("&lt;script&gt;x&lt;/script&gt;")
                .contains("mia&lt;x&gt;")
                .doesNotContain("<script>").doesNotContain("${");
        assertThat(m.textBody()).contains("Offered: 120").contains("Service level: 81.5 %");
        assertThat(m.attachments()).hasSize(1);
        assertThat(m.attachments().get(0).fileName()).isEqualTo("a.xlsx");
    }

    @Test
    void overTheLimitCarriesLinksInsteadOfAttachments() {
        MailMessage m = SubscriptionMail.compose(ReportName.SUMMARY, HEADLINE, "mia", 7, List.of("boss@example.com"),
                Locale.ENGLISH, ZoneId.of("Europe/Berlin"),
                List.of(new SubscriptionMail.File("a.xlsx", "application/x", dir.resolve("a.xlsx"),
                        "https://ql.example.com/api/v1/subscription-files/5/xlsx?expires=1&sig=a&b")),
                Instant.parse("2026-12-11T06:00:00Z"), "10");
        assertThat(m.attachments()).isEmpty();
        assertThat(m.htmlBody()).contains("href=\"https://ql.example.com/api/v1/subscription-files/5/xlsx?expires=1&amp;sig=a&amp;b\"")
                .contains("10 MB").contains("2026-12-11 07:00 (Europe/Berlin)");
    }

    @Test
    void inTheOwnersLanguage() {
        MailMessage m = SubscriptionMail.compose(ReportName.SUMMARY, HEADLINE, "mia", 7, List.of("boss@example.com"),
                SubscriptionMail.locale("tr-TR"), ZoneId.of("Europe/Istanbul"), List.of(), null, "10");
        assertThat(m.subject()).startsWith("Özet: ");
        assertThat(m.htmlBody()).contains("lang=\"tr\"").contains("Gelen").contains("Hizmet düzeyi");
        assertThat(SubscriptionMail.locale("de")).isEqualTo(Locale.ENGLISH);
        assertThat(SubscriptionMail.locale(null)).isEqualTo(Locale.ENGLISH);
        assertThat(SubscriptionMail.locale("uz")).isEqualTo(Locale.forLanguageTag("uz"));
    }

    @Test
    void everyLanguageHasTheEnglishKeys() throws IOException {
        Properties en = load("");
        for (String lang : List.of("_tr", "_ru", "_pt", "_uz")) {
            assertThat(load(lang).stringPropertyNames()).as(lang).isEqualTo(en.stringPropertyNames());
        }
    }

    private static Properties load(String suffix) throws IOException {
        Properties p = new Properties();
        try (InputStream in = SubscriptionMail.class.getResourceAsStream("/io/queuelens/subscriptions/mail" + suffix + ".properties")) {
            p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }
}
