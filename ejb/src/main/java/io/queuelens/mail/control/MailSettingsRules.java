package io.queuelens.mail.control;

import io.queuelens.mail.entity.MailMessage;
import io.queuelens.mail.entity.MailProblem;
import io.queuelens.mail.entity.MailSettingsForm;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The checks of SMTP settings and of a message's recipients, each problem on its field. Pure: no
 * database, no network (whether the host answers is the test's business).
 */
public final class MailSettingsRules {

    /** A DNS name or an IPv4 address; an IPv6 address in its usual colon form. */
    private static final Pattern HOST = Pattern.compile("(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
            + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\\.?|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}]");

    private MailSettingsRules() {
    }

    /**
     * @param passwordStored whether the scope has a stored password that an empty password field keeps
     */
    public static List<MailProblem> check(MailSettingsForm f, boolean passwordStored) {
        List<MailProblem> p = new ArrayList<>();
        String host = trim(f.getHost());
        if (host == null) {
            p.add(MailProblem.of("host", "hostRequired", "enter the SMTP server's host name"));
        } else if (!HOST.matcher(host).matches()) {
            p.add(MailProblem.of("host", "hostInvalid", "'" + host + "' is not a host name or IP address", host));
        }
        if (f.getPort() == null) {
            p.add(MailProblem.of("port", "portRequired", "enter the SMTP port (587 for STARTTLS, 465 for SSL, 25)"));
        } else if (f.getPort() < 1 || f.getPort() > 65535) {
            p.add(MailProblem.of("port", "portRange", "the port must be between 1 and 65535, was " + f.getPort(),
                    String.valueOf(f.getPort())));
        }
        if (f.getSecurity() == null) {
            p.add(MailProblem.of("security", "securityRequired", "choose NONE, STARTTLS or SSL"));
        }
        String user = trim(f.getUsername());
        boolean passwordEntered = f.getPassword() != null && !f.getPassword().isEmpty();
        if (user != null && (user.length() > 255 || CONTROL.matcher(user).find())) {
            p.add(MailProblem.of("username", "usernameInvalid", "the user name must be at most 255 characters without line breaks"));
        }
        if (user == null && passwordEntered) {
            p.add(MailProblem.of("username", "usernameForPassword", "a password needs a user name"));
        }
        if (user != null && !passwordEntered && !passwordStored) {
            p.add(MailProblem.of("password", "passwordRequired", "enter the password of user '" + user + "'", user));
        }
        if (passwordEntered && (f.getPassword().length() > 500 || f.getPassword().indexOf('\n') >= 0
                || f.getPassword().indexOf('\r') >= 0)) {
            p.add(MailProblem.of("password", "passwordInvalid", "the password must be at most 500 characters without line breaks"));
        }
        String from = trim(f.getFromAddress());
        if (from == null) {
            p.add(MailProblem.of("fromAddress", "fromRequired", "enter the address mails are sent from"));
        } else if (!isAddress(from)) {
            p.add(MailProblem.of("fromAddress", "fromInvalid", "'" + from + "' is not an e-mail address", from));
        }
        String name = trim(f.getFromName());
        if (name != null && (name.length() > 200 || CONTROL.matcher(name).find())) {
            p.add(MailProblem.of("fromName", "fromNameInvalid", "the sender name must be at most 200 characters without line breaks"));
        }
        return p;
    }

    /** Recipients, subject and body of a message handed to the outbox. */
    public static List<MailProblem> check(MailMessage m) {
        List<MailProblem> p = new ArrayList<>();
        if (m.recipients().isEmpty()) {
            p.add(MailProblem.of("recipients", "recipientsRequired", "a message needs at least one recipient"));
        }
        for (String r : m.recipients()) {
            if (!isAddress(r)) {
                p.add(MailProblem.of("recipients", "recipientInvalid", "'" + r + "' is not an e-mail address", String.valueOf(r)));
            }
        }
        if (m.subject() == null || m.subject().isBlank() || m.subject().length() > 998 || CONTROL.matcher(m.subject()).find()) {
            p.add(MailProblem.of("subject", "subjectInvalid", "a message needs a subject of one line (at most 998 characters)"));
        }
        if ((m.textBody() == null || m.textBody().isEmpty()) && (m.htmlBody() == null || m.htmlBody().isEmpty())) {
            p.add(MailProblem.of("body", "bodyRequired", "a message needs a text or an HTML body"));
        }
        return p;
    }

    /** One plain address {@code local@domain} (no name part, no group, no list). */
    public static boolean isAddress(String s) {
        if (s == null || s.isBlank() || s.length() > 320 || CONTROL.matcher(s).find()) {
            return false;
        }
        try {
            InternetAddress a = new InternetAddress(s.strip(), true);
            a.validate();
            return a.getPersonal() == null && a.getAddress().equals(s.strip()) && a.getAddress().indexOf('@') > 0;
        } catch (AddressException e) {
            return false;
        }
    }

    static String trim(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
