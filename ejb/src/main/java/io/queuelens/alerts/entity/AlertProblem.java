package io.queuelens.alerts.entity;

/** One thing wrong with a rule or channel: the field, a message key (bundle {@code alerts.error.<key>}), English text. */
public record AlertProblem(String field, String key, String message) {
}
