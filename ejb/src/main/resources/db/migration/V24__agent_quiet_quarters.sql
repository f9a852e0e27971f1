-- Issue 3 (import bar): an agent's quiet quarter hours (logged in throughout, nothing else: no call, pause, ring or
-- after-call work) as one row per tenant/agent/UTC day with a bit per quarter hour, instead of a rollup_agent_15m row
-- each. They were 55% of the agent buckets a bulk import wrote (rollups.entity.QuietQuarters). A bucket is in one of
-- the two tables, never both; readers add them up (reports.control.AgentRollupReader). Rows of rollup_agent_15m
-- written before this version that are quiet stay valid and move here when their range is next recomputed.
CREATE TABLE rollup_agent_quiet (
    tenant_id      VARCHAR(64)  NOT NULL,
    agent          VARCHAR(128) NOT NULL,
    utc_day        DATE         NOT NULL,
    quarters_low   BIGINT       NOT NULL, -- bit i: the quarter hour from 00:00 UTC + i x 15 min (i < 48)
    quarters_high  BIGINT       NOT NULL, -- bit i: the quarter hour from 12:00 UTC + i x 15 min (i < 48)
    PRIMARY KEY (tenant_id, agent, utc_day)
);
CREATE INDEX ix_rollup_agent_quiet_day ON rollup_agent_quiet (tenant_id, utc_day);
