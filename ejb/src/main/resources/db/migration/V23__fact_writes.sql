-- Issue 3 (import bar): one row per tenant counting the transactions that wrote its facts (queue_visit,
-- agent_session, agent_pause, ring_no_answer). Every fact writer (FactCommitter, live and deferred) adds one
-- in the transaction that writes the facts, as its last statement. A bulk import into a tenant without facts
-- settles its rollups from the facts it holds in memory instead of reading them back (rollups HeldFacts);
-- it may do so only while it is the tenant's only writer, which this row tells: each of its commits must make
-- the next count, and the last writer must be itself.
--
-- writer: the last writer's id (a FactCommitter's, random per instance).
CREATE TABLE fact_writes (
    tenant_id   VARCHAR(64)  NOT NULL,
    writes      BIGINT       NOT NULL,
    writer      VARCHAR(64)  NOT NULL,
    PRIMARY KEY (tenant_id)
);
