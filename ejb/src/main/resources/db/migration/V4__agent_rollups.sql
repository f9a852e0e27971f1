-- Agent totals per tenant/agent/15-minute UTC bucket (KPI.md agent figures), kept equal to the facts
-- by rollups.control.AgentRollupRefresher in the same transaction as the facts. Times are milliseconds:
-- sessions and pauses are cut exactly at bucket boundaries.
--
-- Paused time per reason is one encoded column (reason=ms pairs, reasons URL-encoded, sorted), not a
-- child table keyed by reason: reasons are free text kept exactly as the PBX logged them (billable is
-- decided when figures are computed, case-insensitively), and a key column under the database's case-
-- and accent-insensitive collation would merge or reject "Lunch" next to "LUNCH". One row per bucket
-- also halves the rows the import writes. paused_ms is their sum, for readers that need no breakdown.
CREATE TABLE rollup_agent_15m (
    tenant_id            VARCHAR(64)  NOT NULL,
    agent                VARCHAR(128) NOT NULL,
    bucket_start         DATETIME     NOT NULL,
    logged_in_ms         BIGINT       NOT NULL,
    paused_ms            BIGINT       NOT NULL,
    talk_ms              BIGINT       NOT NULL,
    hold_ms              BIGINT       NOT NULL,
    acw_ms               BIGINT       NOT NULL,
    answered             BIGINT       NOT NULL,
    ring_no_answer       BIGINT       NOT NULL,
    paused_ms_by_reason  TEXT         NOT NULL,
    PRIMARY KEY (tenant_id, agent, bucket_start)
);
CREATE INDEX ix_rollup_agent_time ON rollup_agent_15m (tenant_id, bucket_start);

-- The refresher reads an agent's sessions and pauses that overlap a range: by end, since a session or
-- pause may have started days before (the V3 indexes are by start).
CREATE INDEX ix_agent_session_agent_end ON agent_session (tenant_id, agent, logout_at);
CREATE INDEX ix_agent_pause_agent_end ON agent_pause (tenant_id, agent, end_at);
-- And an agent's answered calls by end: a call overlaps a range or owns an ACW pause by when it ended
-- (entered_at says little: a call may wait and talk for hours).
CREATE INDEX ix_queue_visit_agent_end ON queue_visit (tenant_id, agent, ended_at);
