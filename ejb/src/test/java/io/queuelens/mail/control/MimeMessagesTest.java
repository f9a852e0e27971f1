package io.queuelens.mail.control;

import io.queuelens.mail.entity.MailAttachment;
import io.queuelens.mail.entity.MailMessage;
import io.queuelens.mail.entity.SmtpSecurity;
import jakarta.mail.BodyPart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** The MIME structure, written out and parsed back as a mail client would. */
class MimeMessagesTest {

    @TempDir
    Path dir;

    private final Session session = SmtpSessions.session(new SmtpSessions.Target("localhost", 25, SmtpSecurity.NONE, null, null),
            "reports@example.com", Duration.ofSeconds(5));

    @Test
    void textHtmlAndTwoAttachmentsSurviveTheRoundTrip() throws Exception {
        byte[] xlsx = {0x50, 0x4b, 0x03, 0x04, 1, 2, 3, (byte) 0xff};
        Path pdf = Files.write(dir.resolve("big.pdf"), "%PDF-1.7 fake".getBytes(StandardCharsets.US_ASCII));
        MailMessage m = MailMessage.of(List.of("a@example.com", "b@example.com"), "Übersicht März", "Figures: 12",
                        "<p>Figures: <b>12</b></p>")
                .withAttachment(MailAttachment.ofBytes("Zusammenfassung März.xlsx",
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx))
                .withAttachment(MailAttachment.ofFile("summary.pdf", "application/pdf", pdf));

        MimeMessage parsed = roundTrip(MimeMessages.build(session, "reports@example.com", "Report Robot", m, 42L));

        assertThat(parsed.getSubject()).isEqualTo("Übersicht März");
        assertThat(((InternetAddress) parsed.getFrom()[0]).getPersonal()).isEqualTo("Report Robot");
        assertThat(parsed.getAllRecipients()).extracting(Object::toString).containsExactly("a@example.com", "b@example.com");
        assertThat(parsed.getHeader(MimeMessages.DELIVERY_HEADER)).containsExactly("42");
        MimeMultipart mixed = (MimeMultipart) parsed.getContent();
        assertThat(mixed.getContentType()).startsWith("multipart/mixed");
        assertThat(mixed.getCount()).isEqualTo(3);
        MimeMultipart alternative = (MimeMultipart) mixed.getBodyPart(0).getContent();
        assertThat(alternative.getContentType()).startsWith("multipart/alternative");
        assertThat(alternative.getBodyPart(0).getContentType()).startsWith("text/plain");
        assertThat(alternative.getBodyPart(0).getContent()).isEqualTo("Figures: 12");
        assertThat(alternative.getBodyPart(1).getContentType()).startsWith("text/html");
        assertThat((String) alternative.getBodyPart(1).getContent()).contains("<b>12</b>");

        BodyPart first = mixed.getBodyPart(1);
        assertThat(first.getDisposition()).isEqualTo(Part.ATTACHMENT);
        assertThat(jakarta.mail.internet.MimeUtility.decodeText(first.getFileName())).isEqualTo("Zusammenfassung März.xlsx");
        assertThat(first.getContentType()).startsWith("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        assertThat(first.getInputStream().readAllBytes()).isEqualTo(xlsx);
        BodyPart second = mixed.getBodyPart(2);
        assertThat(second.getFileName()).isEqualTo("summary.pdf");
        assertThat(second.getContentType()).startsWith("application/pdf");
        assertThat(new String(second.getInputStream().readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("%PDF-1.7 fake");
    }

    @Test
    void withoutAttachmentsTheMessageIsTheAlternativeItself() throws Exception {
        MimeMessage parsed = roundTrip(MimeMessages.build(session, "reports@example.com", null,
                MailMessage.of(List.of("a@example.com"), "Hi", "only text", null), null));
        MimeMultipart alternative = (MimeMultipart) parsed.getContent();
        assertThat(alternative.getContentType()).startsWith("multipart/alternative");
        assertThat(alternative.getCount()).isEqualTo(1);
        assertThat(parsed.getHeader(MimeMessages.DELIVERY_HEADER)).isNull();
        assertThat(parsed.getFrom()[0].toString()).isEqualTo("reports@example.com");
    }

    @Test
    void theSessionPropertiesFollowTheSecurityAndAlwaysHaveTimeouts() {
        Properties ssl = SmtpSessions.properties(new SmtpSessions.Target("h", 465, SmtpSecurity.SSL, "u", "p"), "f@x.y",
                Duration.ofSeconds(20));
        assertThat(ssl).containsEntry("mail.smtp.ssl.enable", "true").containsEntry("mail.smtp.auth", "true")
                .containsEntry("mail.smtp.connectiontimeout", "20000").containsEntry("mail.smtp.timeout", "20000")
                .containsEntry("mail.smtp.from", "f@x.y");
        Properties tls = SmtpSessions.properties(new SmtpSessions.Target("h", 587, SmtpSecurity.STARTTLS, null, null), null,
                Duration.ofSeconds(5));
        assertThat(tls).containsEntry("mail.smtp.starttls.enable", "true").containsEntry("mail.smtp.starttls.required", "true")
                .containsEntry("mail.smtp.auth", "false").doesNotContainKey("mail.smtp.ssl.enable");
        assertThat(SmtpSessions.properties(new SmtpSessions.Target("h", 25, SmtpSecurity.NONE, null, null), null,
                Duration.ofSeconds(5))).containsEntry("mail.smtp.starttls.enable", "false");
    }

    private MimeMessage roundTrip(MimeMessage m) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        m.writeTo(out);
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(out.toByteArray()));
    }
}
