package io.queuelens.mail.entity;

import java.util.List;

/**
 * One thing wrong with SMTP settings or a message: in English for the REST API and the log, and as a key
 * with arguments so the page can say it in the user's language (the web bundle has {@code mail.p.<key>}).
 *
 * @param field the form field / JSON property it belongs to (e.g. {@code port}), or null
 */
public record MailProblem(String field, String key, String message, List<String> args) {

    public MailProblem {
        args = args == null ? List.of() : List.copyOf(args);
    }

    public static MailProblem of(String field, String key, String message, String... args) {
        return new MailProblem(field, key, message, List.of(args));
    }
}
