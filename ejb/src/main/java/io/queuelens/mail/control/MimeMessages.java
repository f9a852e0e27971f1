package io.queuelens.mail.control;

import io.queuelens.mail.entity.MailAttachment;
import io.queuelens.mail.entity.MailMessage;
import jakarta.activation.DataHandler;
import jakarta.activation.FileDataSource;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;

import java.io.UnsupportedEncodingException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Date;

/**
 * Builds the MIME message of a {@link MailMessage}: text and HTML as {@code multipart/alternative}
 * (the client shows the best it can), inside {@code multipart/mixed} with the attachments when there
 * are any. Everything UTF-8.
 */
public final class MimeMessages {

    /** Header naming the outbox row a message came from, to find it in a mail server's log. */
    public static final String DELIVERY_HEADER = "X-QueueLens-Delivery";

    private MimeMessages() {
    }

    public static MimeMessage build(Session session, String fromAddress, String fromName, MailMessage m, Long deliveryId)
            throws MessagingException {
        MimeMessage msg = new MimeMessage(session);
        try {
            msg.setFrom(fromName == null || fromName.isBlank() ? new InternetAddress(fromAddress)
                    : new InternetAddress(fromAddress, fromName, "UTF-8"));
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException(e); // UTF-8 is always there
        }
        InternetAddress[] to = new InternetAddress[m.recipients().size()];
        for (int i = 0; i < to.length; i++) {
            to[i] = new InternetAddress(m.recipients().get(i), true);
        }
        msg.setRecipients(Message.RecipientType.TO, to);
        msg.setSubject(m.subject(), "UTF-8");
        msg.setSentDate(Date.from(Instant.now()));
        if (deliveryId != null) {
            msg.setHeader(DELIVERY_HEADER, String.valueOf(deliveryId));
        }
        MimeMultipart body = body(m);
        if (m.attachments().isEmpty()) {
            msg.setContent(body);
        } else {
            MimeMultipart mixed = new MimeMultipart("mixed");
            MimeBodyPart bodyPart = new MimeBodyPart();
            bodyPart.setContent(body);
            mixed.addBodyPart(bodyPart);
            for (MailAttachment a : m.attachments()) {
                mixed.addBodyPart(attachment(a));
            }
            msg.setContent(mixed);
        }
        msg.saveChanges();
        return msg;
    }

    private static MimeMultipart body(MailMessage m) throws MessagingException {
        MimeMultipart alternative = new MimeMultipart("alternative");
        if (m.textBody() != null && !m.textBody().isEmpty()) {
            MimeBodyPart text = new MimeBodyPart();
            text.setText(m.textBody(), "UTF-8", "plain");
            alternative.addBodyPart(text);
        }
        if (m.htmlBody() != null && !m.htmlBody().isEmpty()) {
            MimeBodyPart html = new MimeBodyPart();
            html.setText(m.htmlBody(), "UTF-8", "html");
            alternative.addBodyPart(html); // last = preferred
        }
        return alternative;
    }

    private static MimeBodyPart attachment(MailAttachment a) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        if (a.content() != null) {
            part.setDataHandler(new DataHandler(new ByteArrayDataSource(a.content(), a.contentType())));
        } else {
            if (!Files.isReadable(a.file())) {
                throw new MessagingException("the attachment file " + a.file() + " cannot be read");
            }
            FileDataSource source = new FileDataSource(a.file().toFile()) {
                @Override
                public String getContentType() {
                    return a.contentType();
                }
            };
            part.setDataHandler(new DataHandler(source));
        }
        part.setFileName(a.fileName());
        part.setDisposition(Part.ATTACHMENT);
        return part;
    }
}
