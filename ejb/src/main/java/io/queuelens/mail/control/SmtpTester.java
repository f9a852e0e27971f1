package io.queuelens.mail.control;

import io.queuelens.mail.entity.MailMessage;
import io.queuelens.mail.entity.SmtpStage;
import io.queuelens.mail.entity.SmtpTestStep;
import io.queuelens.mail.entity.SmtpTestResult;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * "Test connection / send test mail": goes through the steps one by one, DNS, TCP connect, TLS and
 * login (one SMTP connect, told apart by what failed), then sends a test mail to one recipient, and
 * stops at the first step that fails, saying exactly which and why.
 */
public final class SmtpTester {

    private SmtpTester() {
    }

    public static SmtpTestResult test(SmtpSessions.Target target, String fromAddress, String fromName, MailMessage testMail,
                                      Duration timeout) {
        List<SmtpTestStep> steps = new ArrayList<>();
        InetAddress address;
        try {
            address = InetAddress.getAllByName(target.host())[0];
            steps.add(new SmtpTestStep(SmtpStage.DNS, true, target.host() + " is " + address.getHostAddress()));
        } catch (UnknownHostException e) {
            steps.add(new SmtpTestStep(SmtpStage.DNS, false, "the host name " + target.host() + " is not found (DNS)"));
            return new SmtpTestResult(steps);
        }
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(address, target.port()), (int) timeout.toMillis());
            steps.add(new SmtpTestStep(SmtpStage.CONNECT, true, "connected to " + address.getHostAddress() + ":" + target.port()));
        } catch (IOException e) {
            steps.add(new SmtpTestStep(SmtpStage.CONNECT, false, "cannot connect to " + address.getHostAddress() + ":"
                    + target.port() + ": " + SmtpErrors.oneLine(e.getMessage())));
            return new SmtpTestResult(steps);
        }
        Session session = SmtpSessions.session(target, fromAddress, timeout);
        Transport transport;
        try {
            transport = SmtpSessions.connect(session, target);
        } catch (MessagingException | RuntimeException e) {
            SmtpFailure f = SmtpErrors.classify(e);
            SmtpStage stage = f.stage() == SmtpStage.TLS || f.stage() == SmtpStage.AUTH ? f.stage()
                    : target.security() != io.queuelens.mail.entity.SmtpSecurity.NONE ? SmtpStage.TLS
                    : target.authenticates() ? SmtpStage.AUTH : SmtpStage.CONNECT;
            if (stage == SmtpStage.AUTH && target.security() != io.queuelens.mail.entity.SmtpSecurity.NONE) {
                steps.add(new SmtpTestStep(SmtpStage.TLS, true, target.security() + " established"));
            }
            steps.add(new SmtpTestStep(stage, false, f.message()));
            return new SmtpTestResult(steps);
        }
        try {
            if (target.security() != io.queuelens.mail.entity.SmtpSecurity.NONE) {
                steps.add(new SmtpTestStep(SmtpStage.TLS, true, target.security() + " established"));
            }
            if (target.authenticates()) {
                steps.add(new SmtpTestStep(SmtpStage.AUTH, true, "logged in as " + target.username()));
            }
            try {
                MimeMessage msg = MimeMessages.build(session, fromAddress, fromName, testMail, null);
                transport.sendMessage(msg, msg.getAllRecipients());
                steps.add(new SmtpTestStep(SmtpStage.RECIPIENT, true, "test mail accepted for " + String.join(", ",
                        testMail.recipients())));
            } catch (MessagingException | RuntimeException e) {
                SmtpFailure f = SmtpErrors.classify(e);
                steps.add(new SmtpTestStep(f.stage() == SmtpStage.RECIPIENT ? SmtpStage.RECIPIENT : SmtpStage.MESSAGE, false,
                        f.message()));
            }
        } finally {
            try {
                transport.close();
            } catch (MessagingException ignored) {
                // the answer is already known; a failing QUIT changes nothing
            }
        }
        return new SmtpTestResult(steps);
    }
}
