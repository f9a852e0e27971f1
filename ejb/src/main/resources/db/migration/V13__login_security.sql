-- Login security (issue 5): failed-login state per user name, per-user API tokens, "logout
-- everywhere" cut-offs and remember-me tokens. Portable SQL: runs on H2 (MODE=MariaDB) and MariaDB.
-- Secrets are never stored: tokens and remember-me validators only as SHA-256 hex digests.

-- Failed logins per user name (lower case), so a lock survives a restart. Rows for names that do not
-- exist are kept too (the same answer either way: no user enumeration) and purged once stale.
CREATE TABLE login_user_failures (
    username      VARCHAR(100) NOT NULL,
    failures      INT          NOT NULL,
    window_start  TIMESTAMP(6) NULL,
    locked_until  TIMESTAMP(6) NULL,
    locks         INT          NOT NULL,
    PRIMARY KEY (username)
);

-- Per-user API tokens: shown once at creation, stored as a SHA-256 digest and a short prefix to
-- recognise them by in lists.
CREATE TABLE api_token (
    id            BIGINT       NOT NULL AUTO_INCREMENT,
    user_id       BIGINT       NOT NULL,
    name          VARCHAR(100) NOT NULL,
    prefix        VARCHAR(16)  NOT NULL,
    token_hash    CHAR(64)     NOT NULL,
    created_at    TIMESTAMP(6) NOT NULL,
    expires_at    TIMESTAMP(6) NULL,
    last_used_at  TIMESTAMP(6) NULL,
    revoked_at    TIMESTAMP(6) NULL,
    PRIMARY KEY (id),
    CONSTRAINT uq_api_token_hash UNIQUE (token_hash),
    CONSTRAINT fk_api_token_user FOREIGN KEY (user_id) REFERENCES app_user (id) ON DELETE CASCADE
);
CREATE INDEX ix_api_token_user ON api_token (user_id);

-- "Logout everywhere": every ending of a user's sessions counts up the generation; a session carries
-- the generation it was authenticated in and is over once that is no longer the current one (a counter,
-- not a time, so clock resolution and column precision cannot let a session slip through).
CREATE TABLE user_session_cutoff (
    user_id              BIGINT       NOT NULL,
    generation           BIGINT       NOT NULL,
    sessions_valid_after TIMESTAMP(6) NOT NULL,
    PRIMARY KEY (user_id),
    CONSTRAINT fk_user_session_cutoff_user FOREIGN KEY (user_id) REFERENCES app_user (id) ON DELETE CASCADE
);

-- Remember-me: the cookie holds selector and validator; only the validator's digest is stored, and it
-- changes at every use.
CREATE TABLE remember_me_token (
    selector        VARCHAR(32)  NOT NULL,
    user_id         BIGINT       NOT NULL,
    validator_hash  CHAR(64)     NOT NULL,
    created_at      TIMESTAMP(6) NOT NULL,
    expires_at      TIMESTAMP(6) NOT NULL,
    PRIMARY KEY (selector),
    CONSTRAINT fk_remember_me_token_user FOREIGN KEY (user_id) REFERENCES app_user (id) ON DELETE CASCADE
);
CREATE INDEX ix_remember_me_token_user ON remember_me_token (user_id);
