package io.queuelens.alerts.entity;

import java.util.List;

/** A rule or channel was refused: every problem with its field, so a form can mark them all. */
public class InvalidAlertException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private final transient List<AlertProblem> problems;

    public InvalidAlertException(List<AlertProblem> problems) {
        super(problems.isEmpty() ? "invalid" : problems.get(0).field() + ": " + problems.get(0).message());
        this.problems = List.copyOf(problems);
    }

    public static InvalidAlertException of(String field, String key, String message) {
        return new InvalidAlertException(List.of(new AlertProblem(field, key, message)));
    }

    public List<AlertProblem> problems() {
        return problems;
    }
}
