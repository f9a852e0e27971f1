package io.queuelens.sources.asterisk.entity;

/**
 * One thing wrong with a source's settings.
 *
 * @param field the form field / JSON property it belongs to (e.g. {@code dbUrl}), or null for the whole source
 */
public record SourceProblem(String field, String message) {
}
