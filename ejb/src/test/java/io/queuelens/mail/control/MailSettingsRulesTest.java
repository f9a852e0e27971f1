package io.queuelens.mail.control;

import io.queuelens.mail.entity.MailMessage;
import io.queuelens.mail.entity.MailProblem;
import io.queuelens.mail.entity.MailSettingsForm;
import io.queuelens.mail.entity.SmtpSecurity;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MailSettingsRulesTest {

    static MailSettingsForm valid() {
        MailSettingsForm f = new MailSettingsForm();
        f.setHost("smtp.example.com");
        f.setPort(587);
        f.setSecurity(SmtpSecurity.STARTTLS);
        f.setUsername("reports@example.com");
        f.setPassword("s3cret");
        f.setFromAddress("reports@example.com");
        f.setFromName("QueueLens Reports");
        return f;
    }

    private static List<String> fields(List<MailProblem> problems) {
        return problems.stream().map(MailProblem::field).toList();
    }

    @Test
    void completeSettingsHaveNoProblem() {
        assertThat(MailSettingsRules.check(valid(), false)).isEmpty();
        MailSettingsForm ip = valid();
        ip.setHost("10.0.0.25");
        ip.setUsername(null);
        ip.setPassword(null);
        ip.setSecurity(SmtpSecurity.NONE);
        assertThat(MailSettingsRules.check(ip, false)).isEmpty();
    }

    @Test
    void everyBadFieldIsNamed() {
        MailSettingsForm f = new MailSettingsForm();
        f.setHost("smtp example.com");
        f.setPort(70000);
        f.setFromAddress("not an address");
        f.setFromName("two\nlines");
        List<MailProblem> problems = MailSettingsRules.check(f, false);
        assertThat(fields(problems)).containsExactly("host", "port", "security", "fromAddress", "fromName");
        assertThat(problems.get(1).key()).isEqualTo("portRange");
        assertThat(problems.get(1).message()).contains("between 1 and 65535").contains("70000");
    }

    @Test
    void missingFieldsAreNamed() {
        List<MailProblem> problems = MailSettingsRules.check(new MailSettingsForm(), false);
        assertThat(fields(problems)).containsExactly("host", "port", "security", "fromAddress");
        assertThat(problems).extracting(MailProblem::key).containsExactly("hostRequired", "portRequired", "securityRequired",
                "fromRequired");
    }

    @Test
    void portZeroAndNegativeAreOutOfRange() {
        for (int port : new int[]{0, -1, 65536}) {
            MailSettingsForm f = valid();
            f.setPort(port);
            assertThat(MailSettingsRules.check(f, false)).extracting(MailProblem::key).containsExactly("portRange");
        }
    }

    @Test
    void aUserNeedsAPasswordUnlessOneIsStoredAndAPasswordNeedsAUser() {
        MailSettingsForm f = valid();
        f.setPassword("");
        assertThat(MailSettingsRules.check(f, false)).extracting(MailProblem::field).containsExactly("password");
        assertThat(MailSettingsRules.check(f, true)).as("blank keeps the stored password").isEmpty();
        f.setUsername(" ");
        f.setPassword("x");
        assertThat(MailSettingsRules.check(f, false)).extracting(MailProblem::field).containsExactly("username");
    }

    @Test
    void addressesAreSinglePlainAddresses() {
        assertThat(MailSettingsRules.isAddress("a.b@example.com")).isTrue();
        assertThat(MailSettingsRules.isAddress("Name <a@example.com>")).isFalse();
        assertThat(MailSettingsRules.isAddress("a@example.com, b@example.com")).isFalse();
        assertThat(MailSettingsRules.isAddress("a@example.com\r\nBcc: x@evil.com")).isFalse();
        assertThat(MailSettingsRules.isAddress("nobody")).isFalse();
        assertThat(MailSettingsRules.isAddress(null)).isFalse();
    }

    @Test
    void aMessageNeedsRecipientsASubjectLineAndABody() {
        assertThat(MailSettingsRules.check(MailMessage.of(List.of("a@example.com"), "Hi", "text", null))).isEmpty();
        List<MailProblem> p = MailSettingsRules.check(MailMessage.of(List.of("a@example.com", "bad"), "Hi\r\nBcc: x@y.z", null, ""));
        assertThat(fields(p)).containsExactly("recipients", "subject", "body");
        assertThat(MailSettingsRules.check(MailMessage.of(List.of(), "Hi", "t", null))).extracting(MailProblem::key)
                .containsExactly("recipientsRequired");
    }
}
