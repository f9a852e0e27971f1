package io.queuelens.login.entity;

import jakarta.ejb.ApplicationException;

/** A token request that cannot be done; {@code key} names the reason in the message bundles, {@code field} the input. */
@ApplicationException(rollback = true)
public class TokenRejected extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String key;
    private final String field;

    public TokenRejected(String key, String field, String message) {
        super(message);
        this.key = key;
        this.field = field;
    }

    public String key() {
        return key;
    }

    public String field() {
        return field;
    }
}
