-- The fact model (component calls) and its 15-minute rollups (component rollups). All times are UTC.
-- Natural keys make every write an upsert, so importing the same input twice gives the same rows.

CREATE TABLE queue_visit (
    id                 BIGINT       NOT NULL AUTO_INCREMENT,
    tenant_id          VARCHAR(64)  NOT NULL,
    source_id          VARCHAR(64)  NOT NULL,
    call_id            VARCHAR(80)  NOT NULL,
    visit_seq          INT          NOT NULL,
    queue              VARCHAR(128) NOT NULL,
    caller_number      VARCHAR(80)  NULL,
    caller_name        VARCHAR(128) NULL,
    did                VARCHAR(80)  NULL,
    entered_at         DATETIME(3)  NOT NULL,
    connected_at       DATETIME(3)  NULL,
    ended_at           DATETIME(3)  NULL,
    outcome            VARCHAR(16)  NOT NULL,
    wait_s             INT          NOT NULL,
    ring_s             INT          NOT NULL,
    talk_s             INT          NOT NULL,
    hold_s             INT          NOT NULL,
    agent              VARCHAR(128) NULL,
    transferred        BOOLEAN      NOT NULL,
    transfer_target    VARCHAR(200) NULL,
    completed_by       VARCHAR(16)  NULL,
    exit_key           VARCHAR(8)   NULL,
    original_position  INT          NULL,
    ring_no_answers    INT          NOT NULL,
    next_queue         VARCHAR(128) NULL,
    recording_file     VARCHAR(255) NULL,
    PRIMARY KEY (id),
    CONSTRAINT uq_queue_visit UNIQUE (tenant_id, source_id, call_id, visit_seq)
);
CREATE INDEX ix_queue_visit_entered ON queue_visit (tenant_id, queue, entered_at);
CREATE INDEX ix_queue_visit_caller ON queue_visit (tenant_id, caller_number, entered_at);
CREATE INDEX ix_queue_visit_agent ON queue_visit (tenant_id, agent, entered_at);

CREATE TABLE agent_session (
    id         BIGINT       NOT NULL AUTO_INCREMENT,
    tenant_id  VARCHAR(64)  NOT NULL,
    source_id  VARCHAR(64)  NOT NULL,
    agent      VARCHAR(128) NOT NULL,
    queue      VARCHAR(128) NOT NULL,
    login_at   DATETIME(3)  NOT NULL,
    logout_at  DATETIME(3)  NULL,
    PRIMARY KEY (id),
    CONSTRAINT uq_agent_session UNIQUE (tenant_id, source_id, agent, queue, login_at)
);
CREATE INDEX ix_agent_session_time ON agent_session (tenant_id, login_at);

CREATE TABLE agent_pause (
    id         BIGINT       NOT NULL AUTO_INCREMENT,
    tenant_id  VARCHAR(64)  NOT NULL,
    source_id  VARCHAR(64)  NOT NULL,
    agent      VARCHAR(128) NOT NULL,
    queue      VARCHAR(128) NOT NULL,
    reason     VARCHAR(128) NOT NULL,
    start_at   DATETIME(3)  NOT NULL,
    end_at     DATETIME(3)  NULL,
    PRIMARY KEY (id),
    CONSTRAINT uq_agent_pause UNIQUE (tenant_id, source_id, agent, queue, start_at)
);
CREATE INDEX ix_agent_pause_time ON agent_pause (tenant_id, agent, start_at);

CREATE TABLE ring_no_answer (
    id          BIGINT       NOT NULL AUTO_INCREMENT,
    tenant_id   VARCHAR(64)  NOT NULL,
    source_id   VARCHAR(64)  NOT NULL,
    call_id     VARCHAR(80)  NOT NULL,
    visit_seq   INT          NOT NULL,
    queue       VARCHAR(128) NOT NULL,
    agent       VARCHAR(128) NOT NULL,
    rang_at     DATETIME(3)  NOT NULL,
    ring_ms     BIGINT       NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uq_ring_no_answer UNIQUE (tenant_id, source_id, call_id, agent, rang_at)
);
CREATE INDEX ix_ring_no_answer_agent ON ring_no_answer (tenant_id, agent, rang_at);

-- Events of verbs this version does not know (custom QueueLog() rows, vendor verbs): kept as read.
CREATE TABLE raw_event (
    id          BIGINT        NOT NULL AUTO_INCREMENT,
    tenant_id   VARCHAR(64)   NOT NULL,
    source_id   VARCHAR(64)   NOT NULL,
    position    VARCHAR(120)  NOT NULL,
    event_time  DATETIME(3)   NOT NULL,
    call_id     VARCHAR(80)   NOT NULL,
    queue       VARCHAR(128)  NOT NULL,
    agent       VARCHAR(128)  NOT NULL,
    verb        VARCHAR(64)   NOT NULL,
    data        VARCHAR(1000) NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uq_raw_event UNIQUE (tenant_id, source_id, position)
);

-- Input that could not be understood: kept with where it came from and why, never dropped.
CREATE TABLE quarantined_input (
    id           BIGINT        NOT NULL AUTO_INCREMENT,
    tenant_id    VARCHAR(64)   NOT NULL,
    source_id    VARCHAR(64)   NOT NULL,
    position     VARCHAR(120)  NOT NULL,
    raw_input    VARCHAR(2000) NOT NULL,
    reason       VARCHAR(400)  NOT NULL,
    received_at  DATETIME(3)   NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uq_quarantined_input UNIQUE (tenant_id, source_id, position)
);

-- Where each reader of each source stopped (row id or byte offset) and the assembler's open calls
-- at that point, written in the same transaction as the facts it produced.
CREATE TABLE ingest_checkpoint (
    tenant_id   VARCHAR(64)  NOT NULL,
    source_id   VARCHAR(64)  NOT NULL,
    reader      VARCHAR(64)  NOT NULL,
    position    VARCHAR(200) NOT NULL,
    state       LONGBLOB     NULL,
    updated_at  DATETIME(3)  NOT NULL,
    PRIMARY KEY (tenant_id, source_id, reader)
);

-- QueueTotals of one tenant/queue/15-minute UTC bucket, counted with the KPI settings version named.
CREATE TABLE rollup_queue_15m (
    tenant_id          VARCHAR(64)  NOT NULL,
    queue              VARCHAR(128) NOT NULL,
    bucket_start       DATETIME     NOT NULL,
    settings_version   VARCHAR(64)  NOT NULL,
    offered            BIGINT NOT NULL, open_visits BIGINT NOT NULL, answered BIGINT NOT NULL,
    abandoned          BIGINT NOT NULL, short_abandoned BIGINT NOT NULL, timeouts BIGINT NOT NULL,
    exit_key           BIGINT NOT NULL, exit_empty BIGINT NOT NULL, withdrawn BIGINT NOT NULL,
    lost               BIGINT NOT NULL, answered_in_sla BIGINT NOT NULL, transferred BIGINT NOT NULL,
    repeats            BIGINT NOT NULL, first_visits BIGINT NOT NULL, short_calls BIGINT NOT NULL,
    wait_answered      BIGINT NOT NULL, wait_abandoned BIGINT NOT NULL, talk BIGINT NOT NULL,
    hold               BIGINT NOT NULL, acw BIGINT NOT NULL, max_wait BIGINT NOT NULL,
    max_wait_holders   BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, queue, bucket_start)
);
CREATE INDEX ix_rollup_queue_time ON rollup_queue_15m (tenant_id, bucket_start);
