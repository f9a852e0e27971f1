-- Call detail records (component calls), read from a PBX's cdr table (FreePBX asteriskcdrdb.cdr or a
-- stock Asterisk cdr_odbc / cdr_adaptive_odbc table). Times are UTC; calldate_local keeps the PBX's own
-- wall time, which names FreePBX's recording folders (monitor/YYYY/MM/DD).
-- natural_key: "<uniqueid>#<sequence>" when the table has a sequence column, otherwise uniqueid, start
-- time and a digest of the row (a cdr table has no key of its own), so re-reading a row is an upsert.
-- queue, agent and visit_call_id are filled when a queue visit of the same call is known (linking).
CREATE TABLE cdr_record (
    id              BIGINT        NOT NULL AUTO_INCREMENT,
    tenant_id       VARCHAR(64)   NOT NULL,
    source_id       VARCHAR(64)   NOT NULL,
    natural_key     VARCHAR(200)  NOT NULL,
    calldate        DATETIME      NOT NULL,
    calldate_local  DATETIME      NOT NULL,
    clid            VARCHAR(160)  NOT NULL,
    src             VARCHAR(80)   NOT NULL,
    dst             VARCHAR(80)   NOT NULL,
    did             VARCHAR(80)   NULL,
    caller_name     VARCHAR(128)  NULL,
    dcontext        VARCHAR(80)   NOT NULL,
    channel         VARCHAR(160)  NOT NULL,
    dstchannel      VARCHAR(160)  NOT NULL,
    lastapp         VARCHAR(80)   NOT NULL,
    lastdata        VARCHAR(255)  NOT NULL,
    duration        INT           NOT NULL,
    billsec         INT           NOT NULL,
    disposition     VARCHAR(45)   NOT NULL,
    accountcode     VARCHAR(80)   NOT NULL,
    userfield       VARCHAR(255)  NOT NULL,
    uniqueid        VARCHAR(150)  NOT NULL,
    linkedid        VARCHAR(150)  NULL,
    sequence        INT           NULL,
    recording_file  VARCHAR(255)  NULL,
    visit_call_id   VARCHAR(80)   NULL,
    queue           VARCHAR(128)  NULL,
    agent           VARCHAR(128)  NULL,
    ingested_at     DATETIME(3)   NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uq_cdr_record UNIQUE (tenant_id, source_id, natural_key)
);
CREATE INDEX ix_cdr_record_time ON cdr_record (tenant_id, calldate);
CREATE INDEX ix_cdr_record_uniqueid ON cdr_record (tenant_id, source_id, uniqueid);
CREATE INDEX ix_cdr_record_linkedid ON cdr_record (tenant_id, source_id, linkedid);
CREATE INDEX ix_cdr_record_ingested ON cdr_record (tenant_id, source_id, ingested_at);
