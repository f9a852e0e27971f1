package io.queuelens.mail.entity;

import java.util.List;

/**
 * A message to send: recipients, subject, the text and/or HTML body, attachments. The sender is not part
 * of it: it is the from address of the SMTP settings in force for the tenant.
 */
public record MailMessage(List<String> recipients, String subject, String textBody, String htmlBody,
                          List<MailAttachment> attachments) {

    public MailMessage {
        recipients = recipients == null ? List.of() : List.copyOf(recipients);
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    public static MailMessage of(List<String> recipients, String subject, String textBody, String htmlBody) {
        return new MailMessage(recipients, subject, textBody, htmlBody, List.of());
    }

    public MailMessage withAttachment(MailAttachment a) {
        List<MailAttachment> more = new java.util.ArrayList<>(attachments);
        more.add(a);
        return new MailMessage(recipients, subject, textBody, htmlBody, more);
    }
}
