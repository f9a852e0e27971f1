package io.queuelens.sources.asterisk.entity;

import java.util.List;

/** A source was not saved: every problem with the field it belongs to. Nothing was changed. */
public class InvalidSourceConfig extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private final transient List<SourceProblem> problems;

    public InvalidSourceConfig(List<SourceProblem> problems) {
        super(problems.isEmpty() ? "invalid source" : describe(problems.get(0)));
        this.problems = List.copyOf(problems);
    }

    public InvalidSourceConfig(String field, String message) {
        this(List.of(new SourceProblem(field, message)));
    }

    public List<SourceProblem> problems() {
        return problems;
    }

    /** The one problem is the {@code id}: the source to change does not exist (a 404, not a 400). */
    public boolean isUnknownSource() {
        return problems.size() == 1 && "id".equals(problems.get(0).field());
    }

    private static String describe(SourceProblem p) {
        return p.field() == null ? p.message() : p.field() + ": " + p.message();
    }
}
