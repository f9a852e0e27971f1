package io.queuelens.mail.entity;

/** One step of "test connection / send test mail": whether it worked and what happened, in English. */
public record SmtpTestStep(SmtpStage stage, boolean ok, String detail) implements java.io.Serializable {
}
