package io.queuelens.mail.entity;

import java.io.Serializable;

/**
 * SMTP settings as entered on the page or sent as JSON. The password is write-only: empty keeps the
 * stored one. Checked as a whole by {@code MailSettingsRules}, every problem on its field.
 */
public class MailSettingsForm implements Serializable {

    private static final long serialVersionUID = 1L;

    private String host;
    private Integer port;
    private SmtpSecurity security;
    private String username;
    private String password;
    private String fromAddress;
    private String fromName;

    /** The stored settings in a form, without the password. */
    public static MailSettingsForm of(MailSettings s) {
        MailSettingsForm f = new MailSettingsForm();
        f.host = s.host();
        f.port = s.port();
        f.security = s.security();
        f.username = s.username();
        f.fromAddress = s.fromAddress();
        f.fromName = s.fromName();
        return f;
    }

    /** A form for a new scope: STARTTLS on the submission port. */
    public static MailSettingsForm blank() {
        MailSettingsForm f = new MailSettingsForm();
        f.port = 587;
        f.security = SmtpSecurity.STARTTLS;
        return f;
    }

    public String getHost() { return host; }
    public void setHost(String host) { this.host = host; }
    public Integer getPort() { return port; }
    public void setPort(Integer port) { this.port = port; }
    public SmtpSecurity getSecurity() { return security; }
    public void setSecurity(SmtpSecurity security) { this.security = security; }
    public String getUsername() { return username; }
    public void setUsername(String username) { this.username = username; }
    public String getPassword() { return password; }
    public void setPassword(String password) { this.password = password; }
    public String getFromAddress() { return fromAddress; }
    public void setFromAddress(String fromAddress) { this.fromAddress = fromAddress; }
    public String getFromName() { return fromName; }
    public void setFromName(String fromName) { this.fromName = fromName; }
}
