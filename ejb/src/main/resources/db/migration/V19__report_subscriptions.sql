-- Report subscriptions (component subscriptions): a report mailed on a schedule.
--
-- report_subscription: what (report, period relative to the run, queues, agents, time zone), how
-- (formats), to whom (recipients) and when (frequency daily/weekly/monthly at a local time; weekday for
-- weekly, day of month 1..31 for monthly, clamped to the month's length). Lists are stored as text, one
-- value per line (TEXT: three long lists as VARCHAR would pass MariaDB's 64 KB row limit). next_run_at
-- is the next scheduled instant (UTC), NULL while disabled.
CREATE TABLE report_subscription (
    id            BIGINT         NOT NULL AUTO_INCREMENT,
    tenant_id     VARCHAR(64)    NOT NULL,
    owner         VARCHAR(100)   NOT NULL,
    report        VARCHAR(32)    NOT NULL,
    period        VARCHAR(16)    NOT NULL,
    queues        TEXT           NOT NULL,
    agents        TEXT           NOT NULL,
    time_zone     VARCHAR(64)    NULL,
    formats       VARCHAR(64)    NOT NULL,
    recipients    TEXT           NOT NULL,
    frequency     VARCHAR(8)     NOT NULL,
    at_time       CHAR(5)        NOT NULL,
    weekday       VARCHAR(9)     NULL,
    day_of_month  INT            NULL,
    enabled       BOOLEAN        NOT NULL,
    last_run_at   DATETIME(3)    NULL,
    next_run_at   DATETIME(3)    NULL,
    updated_at    DATETIME(3)    NOT NULL,
    updated_by    VARCHAR(100)   NOT NULL,
    PRIMARY KEY (id)
);
CREATE INDEX ix_report_subscription_due ON report_subscription (enabled, next_run_at);
CREATE INDEX ix_report_subscription_tenant ON report_subscription (tenant_id, owner);

-- report_subscription_run: one row per run. run_key is 'subscription <id> at <scheduled instant>' for a
-- scheduled run and 'subscription <id> now <instant>' for "send now": unique, so two servers or a restart
-- create (and launch, and mail) a run once. The period is stored, so a download link renders the same
-- period again when the stored file is gone.
CREATE TABLE report_subscription_run (
    id               BIGINT         NOT NULL AUTO_INCREMENT,
    subscription_id  BIGINT         NOT NULL,
    tenant_id        VARCHAR(64)    NOT NULL,
    run_key          VARCHAR(200)   NOT NULL,
    scheduled_at     DATETIME(3)    NOT NULL,
    period_from      DATETIME(3)    NOT NULL,
    period_to        DATETIME(3)    NOT NULL,
    requested_by     VARCHAR(100)   NOT NULL,
    status           VARCHAR(10)    NOT NULL,
    error            VARCHAR(2000)  NULL,
    mail_id          BIGINT         NULL,
    created_at       DATETIME(3)    NOT NULL,
    finished_at      DATETIME(3)    NULL,
    PRIMARY KEY (id),
    CONSTRAINT uq_report_subscription_run_key UNIQUE (run_key),
    CONSTRAINT fk_report_subscription_run FOREIGN KEY (subscription_id) REFERENCES report_subscription (id) ON DELETE CASCADE
);
CREATE INDEX ix_report_subscription_run_sub ON report_subscription_run (subscription_id, created_at);

-- The HMAC key of the download links, created at first use; vault ciphertext (re-encrypted by rotate-key).
CREATE TABLE subscription_secret (
    id      INT            NOT NULL,
    secret  VARCHAR(1000)  NOT NULL,
    PRIMARY KEY (id)
);
