package io.queuelens.mail.control;

import io.queuelens.mail.entity.SmtpStage;
import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLHandshakeException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;

import static org.assertj.core.api.Assertions.assertThat;

/** Classification of what Jakarta Mail (Angus) throws, with the exceptions it really throws. */
class SmtpErrorsTest {

    @Test
    void anUnknownHostIsDnsAndTemporary() {
        SmtpFailure f = SmtpErrors.classify(new MessagingException("Unknown SMTP host: nope.invalid",
                new UnknownHostException("nope.invalid")));
        assertThat(f.stage()).isEqualTo(SmtpStage.DNS);
        assertThat(f.permanent()).isFalse();
        assertThat(f.describe()).startsWith("DNS: ").contains("nope.invalid");
    }

    @Test
    void aRefusedOrSilentConnectionIsConnectAndTemporary() {
        SmtpFailure refused = SmtpErrors.classify(new MessagingException("Couldn't connect to host, port: 127.0.0.1, 1",
                new ConnectException("Connection refused")));
        assertThat(refused.stage()).isEqualTo(SmtpStage.CONNECT);
        assertThat(refused.permanent()).isFalse();
        assertThat(refused.message()).contains("Connection refused");
        assertThat(SmtpErrors.classify(new MessagingException("x", new SocketTimeoutException("Read timed out"))).stage())
                .isEqualTo(SmtpStage.CONNECT);
    }

    @Test
    void aFailedHandshakeOrMissingStarttlsIsTls() {
        assertThat(SmtpErrors.classify(new MessagingException("Could not convert socket to TLS",
                new SSLHandshakeException("PKIX path building failed"))).stage()).isEqualTo(SmtpStage.TLS);
        assertThat(SmtpErrors.classify(new MessagingException("STARTTLS is required but host does not support STARTTLS"))
                .stage()).isEqualTo(SmtpStage.TLS);
    }

    @Test
    void a535LoginRefusalIsAuthAndPermanent() {
        SmtpFailure f = SmtpErrors.classify(new AuthenticationFailedException("535 5.7.8 Authentication credentials invalid"));
        assertThat(f.stage()).isEqualTo(SmtpStage.AUTH);
        assertThat(f.replyCode()).isEqualTo(535);
        assertThat(f.permanent()).isTrue();
    }

    @Test
    void aRefusedRecipientIsPermanentFor5xxAndTemporaryFor4xx() throws Exception {
        InternetAddress to = new InternetAddress("nobody@example.com");
        SendFailedException hard = new SendFailedException("Invalid Addresses",
                new SMTPAddressFailedException(to, "RCPT TO:<nobody@example.com>", 550, "550 5.1.1 User unknown"),
                new Address[0], new Address[0], new Address[]{to});
        SmtpFailure f = SmtpErrors.classify(hard);
        assertThat(f.stage()).isEqualTo(SmtpStage.RECIPIENT);
        assertThat(f.replyCode()).isEqualTo(550);
        assertThat(f.permanent()).isTrue();
        assertThat(f.message()).contains("nobody@example.com").contains("550 5.1.1 User unknown");

        SendFailedException soft = new SendFailedException("Invalid Addresses",
                new SMTPAddressFailedException(to, "RCPT TO:<nobody@example.com>", 451, "451 4.3.0 Mailbox busy"),
                new Address[0], new Address[0], new Address[]{to});
        assertThat(SmtpErrors.classify(soft).permanent()).isFalse();
        assertThat(SmtpErrors.classify(soft).replyCode()).isEqualTo(451);
    }

    @Test
    void aRefusedMessageTakesItsReplyCode() throws Exception {
        SmtpFailure big = SmtpErrors.classify(new SMTPSendFailedException("DATA", 552, "552 5.3.4 Message too big", null,
                null, null, null));
        assertThat(big.stage()).isEqualTo(SmtpStage.MESSAGE);
        assertThat(big.permanent()).isTrue();
        SmtpFailure later = SmtpErrors.classify(new SMTPSendFailedException("DATA", 421, "421 4.7.0 Try again later", null,
                null, null, null));
        assertThat(later.permanent()).isFalse();
    }
}
