-- Batch jobs (component jobs) and agent payouts (component payouts). Portable SQL: H2 (MODE=MariaDB)
-- and MariaDB/MySQL. Money is DECIMAL (never floating point); rates keep 4 decimals, amounts 2.

-- One row per launched job and business key: the unique key is what makes a launch happen once
-- (a nightly starter firing twice, or on two cluster members, inserts the same key and loses).
CREATE TABLE job_launch (
    id             BIGINT        NOT NULL AUTO_INCREMENT,
    job_name       VARCHAR(64)   NOT NULL,
    tenant_id      VARCHAR(64)   NOT NULL,
    business_key   VARCHAR(128)  NOT NULL,
    execution_id   BIGINT,
    launched_by    VARCHAR(100)  NOT NULL,
    launched_at    DATETIME(3)   NOT NULL,
    parameters     VARCHAR(2000) NOT NULL,
    items_total    INT,
    items_done     INT           NOT NULL DEFAULT 0,
    last_error     VARCHAR(1000),
    PRIMARY KEY (id),
    CONSTRAINT uq_job_launch UNIQUE (job_name, tenant_id, business_key)
);
CREATE INDEX ix_job_launch_tenant ON job_launch (tenant_id, launched_at);

-- A restart of one execution (by a user, or by crash recovery at startup). The primary key on the
-- restarted execution makes a second restart of it fail: restart happens exactly once.
CREATE TABLE job_restart (
    execution_id      BIGINT        NOT NULL,
    launch_id         BIGINT        NOT NULL,
    new_execution_id  BIGINT,
    restarted_by      VARCHAR(100)  NOT NULL,
    restarted_at      DATETIME(3)   NOT NULL,
    reason            VARCHAR(255),
    PRIMARY KEY (execution_id),
    CONSTRAINT fk_job_restart_launch FOREIGN KEY (launch_id) REFERENCES job_launch (id)
);

-- Items a job skipped, with the reason (the batch skip listener writes them).
CREATE TABLE job_skipped_item (
    id            BIGINT         NOT NULL AUTO_INCREMENT,
    execution_id  BIGINT         NOT NULL,
    item          VARCHAR(255),
    reason        VARCHAR(1000)  NOT NULL,
    skipped_at    DATETIME(3)    NOT NULL,
    PRIMARY KEY (id)
);
CREATE INDEX ix_job_skipped_execution ON job_skipped_item (execution_id);

-- Agent groups: a named set of agents of one tenant, for rate cards.
CREATE TABLE agent_group (
    id          BIGINT        NOT NULL AUTO_INCREMENT,
    tenant_id   VARCHAR(64)   NOT NULL,
    name        VARCHAR(100)  NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uq_agent_group UNIQUE (tenant_id, name),
    CONSTRAINT fk_agent_group_tenant FOREIGN KEY (tenant_id) REFERENCES tenant (id)
);
CREATE TABLE agent_group_member (
    group_id    BIGINT        NOT NULL,
    agent       VARCHAR(128)  NOT NULL,
    PRIMARY KEY (group_id, agent),
    CONSTRAINT fk_agent_group_member FOREIGN KEY (group_id) REFERENCES agent_group (id) ON DELETE CASCADE
);

-- Rate cards: what an agent (or every agent of a group) earns, valid from a day to a day (inclusive,
-- open when valid_to is null). Exactly one of agent / group_id is set.
CREATE TABLE rate_card (
    id                     BIGINT         NOT NULL AUTO_INCREMENT,
    tenant_id              VARCHAR(64)    NOT NULL,
    name                   VARCHAR(100)   NOT NULL,
    agent                  VARCHAR(128),
    group_id               BIGINT,
    valid_from             DATE           NOT NULL,
    valid_to               DATE,
    per_answered           DECIMAL(12,4)  NOT NULL,
    per_talk_minute        DECIMAL(12,4)  NOT NULL,
    talk_rounding          VARCHAR(32)    NOT NULL,
    per_ready_hour         DECIMAL(12,4)  NOT NULL,
    pause_rates            VARCHAR(1000)  NOT NULL,
    sl_target_percent      DECIMAL(5,2),
    sl_bonus               DECIMAL(12,2)  NOT NULL,
    answered_target        INT,
    answered_bonus         DECIMAL(12,2)  NOT NULL,
    per_ring_no_answer     DECIMAL(12,4)  NOT NULL,
    updated_by             VARCHAR(100)   NOT NULL,
    updated_at             DATETIME(3)    NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT fk_rate_card_tenant FOREIGN KEY (tenant_id) REFERENCES tenant (id),
    CONSTRAINT fk_rate_card_group FOREIGN KEY (group_id) REFERENCES agent_group (id)
);
CREATE INDEX ix_rate_card_tenant ON rate_card (tenant_id, valid_from);

-- A computed (or being computed) revision of one tenant day. Revision 1 is the nightly run; every
-- recompute adds the next one, the earlier ones stay. launch_id ties it to the job that fills it.
CREATE TABLE payout_revision (
    tenant_id    VARCHAR(64)   NOT NULL,
    work_day     DATE          NOT NULL,
    revision     INT           NOT NULL,
    launch_id    BIGINT        NOT NULL,
    created_by   VARCHAR(100)  NOT NULL,
    created_at   DATETIME(3)   NOT NULL,
    PRIMARY KEY (tenant_id, work_day, revision)
);
CREATE INDEX ix_payout_revision_launch ON payout_revision (launch_id);

-- One agent-day of a revision: written in the same transaction as its lines, and its key makes a
-- repeated chunk (after a kill) fail instead of doubling the lines.
CREATE TABLE payout_agent_day (
    tenant_id    VARCHAR(64)    NOT NULL,
    work_day     DATE           NOT NULL,
    revision     INT            NOT NULL,
    agent        VARCHAR(128)   NOT NULL,
    rate_card_id BIGINT,
    currency     CHAR(3)        NOT NULL,
    total        DECIMAL(14,2)  NOT NULL,
    computed_at  DATETIME(3)    NOT NULL,
    PRIMARY KEY (tenant_id, work_day, revision, agent)
);

CREATE TABLE payout_line (
    tenant_id    VARCHAR(64)    NOT NULL,
    work_day     DATE           NOT NULL,
    revision     INT            NOT NULL,
    agent        VARCHAR(128)   NOT NULL,
    seq          INT            NOT NULL,
    component    VARCHAR(32)    NOT NULL,
    detail       VARCHAR(128),
    quantity     DECIMAL(16,4)  NOT NULL,
    unit         VARCHAR(16)    NOT NULL,
    rate         DECIMAL(12,4)  NOT NULL,
    amount       DECIMAL(14,2)  NOT NULL,
    PRIMARY KEY (tenant_id, work_day, revision, agent, seq)
);

-- An approved period is locked day by day: a locked day cannot be recomputed until an ADMIN unlocks it.
CREATE TABLE payout_lock (
    tenant_id    VARCHAR(64)   NOT NULL,
    work_day     DATE          NOT NULL,
    locked_by    VARCHAR(100)  NOT NULL,
    locked_at    DATETIME(3)   NOT NULL,
    PRIMARY KEY (tenant_id, work_day)
);
