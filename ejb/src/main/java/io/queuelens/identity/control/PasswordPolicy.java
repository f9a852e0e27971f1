package io.queuelens.identity.control;

import java.util.Optional;

/** The minimum a chosen password must meet. Returns the bundle key of the first rule broken. */
public final class PasswordPolicy {

    public static final int MIN_LENGTH = 10;

    private PasswordPolicy() {
    }

    public static Optional<String> violation(String username, String password) {
        if (password == null || password.length() < MIN_LENGTH) {
            return Optional.of("password.tooShort");
        }
        if (password.equalsIgnoreCase(username)) {
            return Optional.of("password.sameAsUsername");
        }
        if (password.chars().distinct().count() < 4) {
            return Optional.of("password.tooSimple");
        }
        return Optional.empty();
    }
}
