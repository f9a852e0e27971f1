package io.queuelens.sources.asterisk.entity;

import java.util.List;

/**
 * One thing wrong with a source's settings: in English for the REST API and the log, and as a message
 * key with its arguments so the page can say it in the user's language.
 *
 * @param field   the form field / JSON property it belongs to (e.g. {@code dbUrl}), or null for the whole source
 * @param message the problem in English
 * @param key     the problem's key (the web bundle has it as {@code asrc.p.<key>}), or null when there is none
 * @param args    the values the message names, in order ({0}, {1}, ...)
 */
public record SourceProblem(String field, String message, String key, List<String> args) {

    public SourceProblem {
        args = args == null ? List.of() : List.copyOf(args);
    }

    /** A problem without a key: shown as it is. */
    public SourceProblem(String field, String message) {
        this(field, message, null, List.of());
    }

    public static SourceProblem of(String field, String key, String message, String... args) {
        return new SourceProblem(field, message, key, List.of(args));
    }
}
