package io.queuelens.mail.entity;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A file attached to a mail: its bytes (stored in the outbox row) or a file under the data folder
 * (stored as its path, read when the mail goes out; for big rendered exports).
 */
public record MailAttachment(String fileName, String contentType, byte[] content, Path file) {

    public MailAttachment {
        Objects.requireNonNull(fileName, "fileName");
        contentType = contentType == null || contentType.isBlank() ? "application/octet-stream" : contentType;
        if ((content == null) == (file == null)) {
            throw new IllegalArgumentException("an attachment has either bytes or a file");
        }
    }

    public static MailAttachment ofBytes(String fileName, String contentType, byte[] content) {
        return new MailAttachment(fileName, contentType, content.clone(), null);
    }

    public static MailAttachment ofFile(String fileName, String contentType, Path file) {
        return new MailAttachment(fileName, contentType, null, file.toAbsolutePath());
    }
}
