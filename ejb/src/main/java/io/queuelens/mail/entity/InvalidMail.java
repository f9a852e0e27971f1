package io.queuelens.mail.entity;

import java.util.List;

/** SMTP settings or a message were refused: every problem with the field it belongs to. Nothing was stored. */
public class InvalidMail extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private final transient List<MailProblem> problems;

    public InvalidMail(List<MailProblem> problems) {
        super(problems.isEmpty() ? "invalid" : describe(problems.get(0)));
        this.problems = List.copyOf(problems);
    }

    public InvalidMail(MailProblem problem) {
        this(List.of(problem));
    }

    public List<MailProblem> problems() {
        return problems;
    }

    private static String describe(MailProblem p) {
        return p.field() == null ? p.message() : p.field() + ": " + p.message();
    }
}
