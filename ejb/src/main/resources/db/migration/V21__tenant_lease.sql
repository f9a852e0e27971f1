-- Cluster mode (issue 9): which member runs a tenant's sources (AMI, Genesys, history readers).
--
-- One row per tenant that was ever leased. holder: the member id (its grid UUID) holding the lease, NULL
-- when released. token: the fencing counter, one higher at every change of holder, so anything a holder
-- did can be told apart from what the next one does. expires_at: when the lease ends unless renewed,
-- in the DATABASE's clock (UTC_TIMESTAMP(3) on MariaDB/MySQL) so the members' own clocks never matter;
-- a released lease keeps the time of its release. No foreign key to tenant: a lease row of a deleted
-- tenant is harmless, and the keeper must never block a tenant's deletion.
CREATE TABLE tenant_lease (
    tenant_id   VARCHAR(64)  NOT NULL,
    holder      VARCHAR(64)  NULL,
    token       BIGINT       NOT NULL,
    expires_at  DATETIME(3)  NOT NULL,
    acquired_at DATETIME(3)  NULL,
    PRIMARY KEY (tenant_id)
);
