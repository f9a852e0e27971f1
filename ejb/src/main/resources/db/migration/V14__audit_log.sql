-- The audit log (component audit): who changed what, when, and every login success and failure.
-- One row per Audited event, written in the transaction of the change it records. No foreign key to
-- tenant: the log outlives what it describes (a deleted tenant's lines stay readable).
CREATE TABLE audit_log (
    id           BIGINT         NOT NULL AUTO_INCREMENT,
    occurred_at  DATETIME(3)    NOT NULL,
    actor        VARCHAR(100)   NOT NULL,
    tenant_id    VARCHAR(64),
    action       VARCHAR(64)    NOT NULL,
    target       VARCHAR(255),
    detail       VARCHAR(1000),
    PRIMARY KEY (id)
);

-- The page reads newest first, optionally narrowed by tenant, actor or action within a time range.
CREATE INDEX ix_audit_log_time ON audit_log (occurred_at, id);
CREATE INDEX ix_audit_log_tenant ON audit_log (tenant_id, occurred_at);
CREATE INDEX ix_audit_log_actor ON audit_log (actor, occurred_at);
CREATE INDEX ix_audit_log_action ON audit_log (action, occurred_at);
