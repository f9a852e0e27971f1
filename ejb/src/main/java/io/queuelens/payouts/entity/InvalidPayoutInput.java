package io.queuelens.payouts.entity;

import java.util.List;

import jakarta.ejb.ApplicationException;

/** A rate card, group or period that cannot be saved or used: every problem with the field it belongs to (HTTP 400). */
@ApplicationException(rollback = true)
public class InvalidPayoutInput extends RuntimeException {

    public record Problem(String field, String message) {
    }

    private final List<Problem> problems;

    public InvalidPayoutInput(List<Problem> problems) {
        super(problems.get(0).message());
        this.problems = List.copyOf(problems);
    }

    public static InvalidPayoutInput of(String field, String message) {
        return new InvalidPayoutInput(List.of(new Problem(field, message)));
    }

    public List<Problem> problems() {
        return problems;
    }
}
