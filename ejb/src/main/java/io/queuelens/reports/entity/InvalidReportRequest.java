package io.queuelens.reports.entity;

import jakarta.ejb.ApplicationException;

import java.io.Serializable;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A report request that cannot be answered as asked, with one message per offending parameter
 * (named as in the API: {@code tenant}, {@code from}, {@code to}, {@code tz}, {@code queues},
 * {@code groupBy}, {@code interval}) so a form or an API client can point at the field.
 *
 * <p>An {@link ApplicationException}: thrown through an EJB it reaches the caller as itself, not
 * wrapped in an {@code EJBException}, and it does not roll anything back (reports only read).
 */
@ApplicationException
public class InvalidReportRequest extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** One problem with one parameter. */
    public record Problem(String parameter, String message) implements Serializable {
    }

    private final List<Problem> problems;

    public InvalidReportRequest(String parameter, String message) {
        this(List.of(new Problem(parameter, message)));
    }

    public InvalidReportRequest(List<Problem> problems) {
        super(problems.stream().map(p -> p.parameter() + ": " + p.message()).collect(Collectors.joining("; ")));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an invalid request has at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    /** Every problem, in the order the parameters appear in the API. */
    public List<Problem> problems() {
        return problems;
    }

    /** The first offending parameter. */
    public String parameter() {
        return problems.get(0).parameter();
    }

    /** The first problem's message, without the parameter prefix. */
    public String firstMessage() {
        return problems.get(0).message();
    }
}
