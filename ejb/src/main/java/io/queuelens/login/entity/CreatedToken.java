package io.queuelens.login.entity;

/** A token just created: {@code token} is the secret, shown to its owner this once and stored nowhere. */
public record CreatedToken(TokenInfo info, String token) {

    @Override
    public String toString() {
        return "CreatedToken[" + info + "]"; // never the secret, not even in a log line
    }
}
