-- Cluster mode (issue 9): which member runs a launch's current execution, so that a job interrupted by
-- a member's death is restarted by a survivor, and a member never takes over a job a live member runs.
--
-- running_on: the member id (io.queuelens.cluster.boundary.Cluster.memberId: the grid member's UUID, or
-- "solo-<random>" per boot of a server alone) that claimed, started or restarted the launch. Cleared
-- (NULL) once recovery saw the execution ended, so a dead member's finished launches are looked at once.
-- NULL on launches made before this migration: recovery judges those by the server's start time as before.
ALTER TABLE job_launch ADD COLUMN running_on VARCHAR(64) NULL;
CREATE INDEX ix_job_launch_running_on ON job_launch (running_on);
