package io.queuelens.subscriptions.entity;

import jakarta.ejb.ApplicationException;

import java.util.List;

/** A subscription refused, with every problem and its field; nothing was stored. HTTP 400. */
@ApplicationException
public class InvalidSubscription extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private final transient List<SubscriptionProblem> problems;

    public InvalidSubscription(List<SubscriptionProblem> problems) {
        super(problems.isEmpty() ? "invalid subscription" : problems.get(0).field() + ": " + problems.get(0).message());
        this.problems = List.copyOf(problems);
    }

    public static InvalidSubscription of(String field, String key, String message) {
        return new InvalidSubscription(List.of(new SubscriptionProblem(field, key, message)));
    }

    public List<SubscriptionProblem> problems() {
        return problems;
    }
}
