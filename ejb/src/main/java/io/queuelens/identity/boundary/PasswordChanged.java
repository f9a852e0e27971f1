package io.queuelens.identity.boundary;

/** Fired (CDI event) after a user replaced their password. */
public record PasswordChanged(String username) {
}
