package io.queuelens.mail.entity;

import java.time.Instant;

/**
 * Stored SMTP settings of one scope: {@link #SERVER_WIDE} or a tenant id. {@code password} is the vault
 * ciphertext (null: no password), never the password itself.
 */
public record MailSettings(String scope, String host, int port, SmtpSecurity security, String username, String password,
                           String fromAddress, String fromName, Instant updatedAt, String updatedBy) {

    /** The scope of the server-wide settings, used by tenants without their own. */
    public static final String SERVER_WIDE = "*";

    public boolean passwordSet() {
        return password != null;
    }

    public boolean serverWide() {
        return SERVER_WIDE.equals(scope);
    }
}
