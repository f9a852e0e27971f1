package io.queuelens.mail.entity;

import java.util.List;

/** The steps of a test, up to the first that failed ({@link #failedStage()} names it; null when all worked). */
public record SmtpTestResult(List<SmtpTestStep> steps) implements java.io.Serializable {

    public SmtpTestResult {
        steps = List.copyOf(steps);
    }

    public boolean ok() {
        return steps.stream().allMatch(SmtpTestStep::ok);
    }

    public SmtpStage failedStage() {
        return steps.stream().filter(s -> !s.ok()).map(SmtpTestStep::stage).findFirst().orElse(null);
    }
}
