-- Threshold alerts (component alerts).
--
-- alert_channel: where a tenant's notifications go besides the in-app toast. target: e-mail addresses
-- (comma-separated), a webhook URL, or a Telegram chat id. secret: the webhook's HMAC key or the Telegram
-- bot token as vault ciphertext (re-encrypted by rotate-key through EncryptedColumns), never plain text.
CREATE TABLE alert_channel (
    id          BIGINT        NOT NULL AUTO_INCREMENT,
    tenant_id   VARCHAR(64)   NOT NULL,
    name        VARCHAR(100)  NOT NULL,
    kind        VARCHAR(20)   NOT NULL,
    target      VARCHAR(2000) NOT NULL,
    secret      VARCHAR(1000) NULL,
    enabled     BOOLEAN       NOT NULL,
    updated_at  DATETIME(3)   NOT NULL,
    updated_by  VARCHAR(100)  NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uq_alert_channel_name UNIQUE (tenant_id, name),
    CONSTRAINT fk_alert_channel_tenant FOREIGN KEY (tenant_id) REFERENCES tenant (id)
);

-- alert_rule: figure, scope (kind + ids, comma-separated), comparison, threshold and clear threshold
-- (hysteresis), minimum duration before firing, severity, quiet hours (the tenant's local wall-clock times,
-- from may be after to: across midnight), channel ids (comma-separated).
CREATE TABLE alert_rule (
    id                    BIGINT        NOT NULL AUTO_INCREMENT,
    tenant_id             VARCHAR(64)   NOT NULL,
    name                  VARCHAR(100)  NOT NULL,
    figure                VARCHAR(32)   NOT NULL,
    pause_reason          VARCHAR(100)  NULL,
    scope_kind            VARCHAR(16)   NOT NULL,
    scope_ids             VARCHAR(4000) NOT NULL,
    comparison            VARCHAR(2)    NOT NULL,
    threshold             DOUBLE        NOT NULL,
    clear_threshold       DOUBLE        NOT NULL,
    min_duration_seconds  INT           NOT NULL,
    severity              VARCHAR(10)   NOT NULL,
    quiet_from            VARCHAR(5)    NULL,
    quiet_to              VARCHAR(5)    NULL,
    channel_ids           VARCHAR(1000) NOT NULL,
    enabled               BOOLEAN       NOT NULL,
    updated_at            DATETIME(3)   NOT NULL,
    updated_by            VARCHAR(100)  NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uq_alert_rule_name UNIQUE (tenant_id, name),
    CONSTRAINT fk_alert_rule_tenant FOREIGN KEY (tenant_id) REFERENCES tenant (id)
);

-- alert_incident: one firing of a rule over one scope key (queue:<q>, group:<q1,q2>, agent:<interface>).
-- queues: the queues it concerns (comma-separated), what visibility is checked against. rule_name and
-- severity are copied so the history reads the same after the rule is edited or deleted (no FK to it).
CREATE TABLE alert_incident (
    id               BIGINT        NOT NULL AUTO_INCREMENT,
    tenant_id        VARCHAR(64)   NOT NULL,
    rule_id          BIGINT        NOT NULL,
    rule_name        VARCHAR(100)  NOT NULL,
    severity         VARCHAR(10)   NOT NULL,
    figure           VARCHAR(32)   NOT NULL,
    scope_key        VARCHAR(500)  NOT NULL,
    queues           VARCHAR(4000) NOT NULL,
    state            VARCHAR(12)   NOT NULL,
    threshold        DOUBLE        NOT NULL,
    opened_at        DATETIME(3)   NOT NULL,
    acknowledged_at  DATETIME(3)   NULL,
    acknowledged_by  VARCHAR(100)  NULL,
    resolved_at      DATETIME(3)   NULL,
    peak_value       DOUBLE        NOT NULL,
    last_value       DOUBLE        NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT fk_alert_incident_tenant FOREIGN KEY (tenant_id) REFERENCES tenant (id)
);

CREATE INDEX ix_alert_incident_state ON alert_incident (tenant_id, state, opened_at);

-- alert_delivery: the delivery log and the durable retry queue of notifications to channels. payload is
-- what is sent (the same on every attempt). A due row (PENDING/RETRYING, next_attempt_at passed) is claimed
-- by an atomic UPDATE to SENDING with claimed_until, like the mail outbox, so one server sends it.
CREATE TABLE alert_delivery (
    id               BIGINT        NOT NULL AUTO_INCREMENT,
    tenant_id        VARCHAR(64)   NOT NULL,
    incident_id      BIGINT        NOT NULL,
    channel_id       BIGINT        NOT NULL,
    kind             VARCHAR(20)   NOT NULL,
    payload          TEXT          NOT NULL,
    status           VARCHAR(10)   NOT NULL,
    attempts         INT           NOT NULL,
    next_attempt_at  DATETIME(3)   NULL,
    claimed_until    DATETIME(3)   NULL,
    http_status      INT           NULL,
    last_error       VARCHAR(2000) NULL,
    created_at       DATETIME(3)   NOT NULL,
    updated_at       DATETIME(3)   NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT fk_alert_delivery_incident FOREIGN KEY (incident_id) REFERENCES alert_incident (id)
);

CREATE INDEX ix_alert_delivery_due ON alert_delivery (status, next_attempt_at);
CREATE INDEX ix_alert_delivery_incident ON alert_delivery (incident_id);
