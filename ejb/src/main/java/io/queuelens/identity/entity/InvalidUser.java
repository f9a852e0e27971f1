package io.queuelens.identity.entity;

import jakarta.ejb.ApplicationException;

import java.util.Map;

/** A user form with bad fields: field name -> message bundle key. Rolls the transaction back. */
@ApplicationException(rollback = true)
public class InvalidUser extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final Map<String, String> problems;

    public InvalidUser(Map<String, String> problems) {
        super("invalid user: " + problems);
        this.problems = Map.copyOf(problems);
    }

    public Map<String, String> problems() {
        return problems;
    }
}
