package io.queuelens.tenancy.entity;

import jakarta.ejb.ApplicationException;

import java.util.Map;

/** A tenant form with bad fields: field name -> message bundle key. Rolls the transaction back. */
@ApplicationException(rollback = true)
public class InvalidTenant extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final Map<String, String> problems;

    public InvalidTenant(Map<String, String> problems) {
        super("invalid tenant: " + problems);
        this.problems = Map.copyOf(problems);
    }

    public Map<String, String> problems() {
        return problems;
    }
}
