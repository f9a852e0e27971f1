-- Issue 3 (import bar): agent_pause had three indexes besides its primary key, and every imported pause is a
-- B-tree insert in each. The natural key's columns now lead with (tenant_id, agent, start_at), the columns of
-- ix_agent_pause_time, so the unique key serves its reads (an agent's pauses by start, rollups.control.SqlFactReads)
-- and that index goes. The key is the same set of columns: uniqueness and the import's upserts are unchanged.
-- DROP CONSTRAINT of a unique key: MariaDB 10.4+, MySQL 8.0.19+, H2.
ALTER TABLE agent_pause DROP CONSTRAINT uq_agent_pause;
ALTER TABLE agent_pause ADD CONSTRAINT uq_agent_pause UNIQUE (tenant_id, agent, start_at, source_id, queue);
DROP INDEX ix_agent_pause_time ON agent_pause;
