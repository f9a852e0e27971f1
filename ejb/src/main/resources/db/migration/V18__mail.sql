-- Outgoing mail (component mail): SMTP settings and the durable outbox.
--
-- mail_settings: one row per scope, '*' = the server-wide settings, otherwise a tenant id whose row
-- overrides the server-wide one for that tenant's mail. The password is vault ciphertext
-- ("v1:<key id>:<base64>", re-encrypted by rotate-key through EncryptedColumns), never plain text.
CREATE TABLE mail_settings (
    scope         VARCHAR(64)   NOT NULL,
    host          VARCHAR(255)  NOT NULL,
    port          INT           NOT NULL,
    security      VARCHAR(8)    NOT NULL,
    username      VARCHAR(255)  NULL,
    password      VARCHAR(1000) NULL,
    from_address  VARCHAR(320)  NOT NULL,
    from_name     VARCHAR(200)  NULL,
    updated_at    DATETIME(3)   NOT NULL,
    updated_by    VARCHAR(100)  NOT NULL,
    PRIMARY KEY (scope)
);

-- mail_delivery: every message handed to Mailer, delivered by the outbox timer. A row is taken for
-- delivery by an atomic UPDATE (status SENDING, claimed_until) so that several servers never send
-- one row twice; a claim older than claimed_until (a server died mid-send) is taken again.
-- purpose: set by Mailer.sendOnce, unique per scope, so a retried job step cannot mail twice
-- (NULLs do not collide in a unique key on H2 or MariaDB).
CREATE TABLE mail_delivery (
    id               BIGINT         NOT NULL AUTO_INCREMENT,
    scope            VARCHAR(64)    NOT NULL,
    purpose          VARCHAR(200)   NULL,
    recipients       VARCHAR(4000)  NOT NULL,
    subject          VARCHAR(998)   NOT NULL,
    text_body        LONGTEXT       NULL,
    html_body        LONGTEXT       NULL,
    status           VARCHAR(10)    NOT NULL,
    attempts         INT            NOT NULL,
    next_attempt_at  DATETIME(3)    NULL,
    claimed_by       VARCHAR(100)   NULL,
    claimed_until    DATETIME(3)    NULL,
    last_error       VARCHAR(2000)  NULL,
    created_at       DATETIME(3)    NOT NULL,
    sent_at          DATETIME(3)    NULL,
    PRIMARY KEY (id),
    CONSTRAINT uq_mail_delivery_purpose UNIQUE (scope, purpose)
);
CREATE INDEX ix_mail_delivery_due ON mail_delivery (status, next_attempt_at);
CREATE INDEX ix_mail_delivery_scope ON mail_delivery (scope, created_at);

-- Attachments: small ones as bytes in the row, big ones (rendered exports) as a file under the data
-- folder that stays until the mail was sent.
CREATE TABLE mail_attachment (
    id            BIGINT         NOT NULL AUTO_INCREMENT,
    delivery_id   BIGINT         NOT NULL,
    position      INT            NOT NULL,
    file_name     VARCHAR(255)   NOT NULL,
    content_type  VARCHAR(255)   NOT NULL,
    content       LONGBLOB       NULL,
    file_path     VARCHAR(1000)  NULL,
    size_bytes    BIGINT         NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT fk_mail_attachment_delivery FOREIGN KEY (delivery_id) REFERENCES mail_delivery (id) ON DELETE CASCADE
);
CREATE INDEX ix_mail_attachment_delivery ON mail_attachment (delivery_id, position);
