package io.queuelens.mail.entity;

/**
 * The step of talking to an SMTP server that failed, in the order they happen; what "test connection"
 * reports and what a delivery's last error starts with.
 */
public enum SmtpStage {
    /** No settings for the tenant and none server-wide, or settings that cannot be used (password not opening). */
    SETTINGS,
    /** The host name does not resolve. */
    DNS,
    /** No TCP connection (refused, unreachable, timed out). */
    CONNECT,
    /** TLS handshake or STARTTLS failed. */
    TLS,
    /** The server refused the user name and password. */
    AUTH,
    /** The server refused a recipient. */
    RECIPIENT,
    /** The server refused the message itself (size, content, sender). */
    MESSAGE
}
