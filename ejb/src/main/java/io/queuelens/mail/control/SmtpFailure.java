package io.queuelens.mail.control;

import io.queuelens.mail.entity.SmtpStage;

/**
 * A classified SMTP failure: the stage it happened in, the server's reply code (0 when there was none),
 * whether retrying cannot help (a 5xx reply), and a one-line description for the delivery log.
 */
public record SmtpFailure(SmtpStage stage, int replyCode, boolean permanent, String message) {

    /** What the delivery log shows: {@code AUTH: 535 5.7.8 ...}. */
    public String describe() {
        return stage + ": " + message;
    }
}
