package io.queuelens.mail.entity;

/** How the SMTP connection is protected: not at all, upgraded with STARTTLS (port 587), or TLS from the start (465). */
public enum SmtpSecurity {
    NONE, STARTTLS, SSL
}
