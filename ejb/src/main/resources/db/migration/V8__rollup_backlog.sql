-- Rollups a bulk import still owes (component rollups). A queue_log file import writes its facts
-- without recomputing rollups per commit and records here, in the same transaction as those facts,
-- the time span and the agents they touched; at the end of the import the span's rollups are rebuilt
-- from the facts and the rows deleted. An import killed before that leaves its rows behind, and the
-- next start (or the resumed import) settles them, so a rollup can lag an import but never miss it.
CREATE TABLE rollup_backlog (
    tenant_id   VARCHAR(64)  NOT NULL,
    source_id   VARCHAR(64)  NOT NULL,
    reader      VARCHAR(64)  NOT NULL,
    from_at     DATETIME     NOT NULL,
    to_at       DATETIME     NOT NULL,
    updated_at  DATETIME(3)  NOT NULL,
    PRIMARY KEY (tenant_id, source_id, reader)
);

CREATE TABLE rollup_backlog_agent (
    tenant_id   VARCHAR(64)  NOT NULL,
    source_id   VARCHAR(64)  NOT NULL,
    reader      VARCHAR(64)  NOT NULL,
    agent       VARCHAR(128) NOT NULL,
    PRIMARY KEY (tenant_id, source_id, reader, agent)
);
