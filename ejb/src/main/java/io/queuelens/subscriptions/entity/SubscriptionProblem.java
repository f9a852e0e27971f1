package io.queuelens.subscriptions.entity;

import java.io.Serializable;

/**
 * One thing wrong with a subscription: the field (JSON property and form field), a key the page turns into
 * the user's language ({@code subscriptions.p.<key>} in the web bundle) and the English message the API shows.
 */
public record SubscriptionProblem(String field, String key, String message) implements Serializable {
}
