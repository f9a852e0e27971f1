package io.queuelens.wallboards.entity;

import jakarta.ejb.ApplicationException;

import java.util.List;

/**
 * A board that cannot be saved, with every problem at once so a form can put each on its field. An
 * {@link ApplicationException}: it reaches the page through the EJB as itself.
 */
@ApplicationException
public class InvalidWallboardException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final transient List<WallboardProblem> problems;

    public InvalidWallboardException(List<WallboardProblem> problems) {
        super("invalid wallboard: " + String.join("; ", problems.stream().map(p -> p.field() + ": " + p.message()).toList()));
        this.problems = List.copyOf(problems);
    }

    public List<WallboardProblem> problems() {
        return problems;
    }
}
