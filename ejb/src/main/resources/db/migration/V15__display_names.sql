-- Display names of queues and agents (component names): what reports and live pages show instead of a
-- system name (a queue id, or an agent interface such as Agent/1001, PJSIP/1001, Local/1001@from-queue/n).
-- A key may have two rows: the name learned from the PBX (the live model's member names) and a manual
-- one an ADMIN or MANAGER set; the manual one wins, and deleting it falls back to the learned one.
CREATE TABLE display_name (
    tenant_id     VARCHAR(64)   NOT NULL,
    kind          VARCHAR(8)    NOT NULL,
    name_key      VARCHAR(128)  NOT NULL,
    origin        VARCHAR(8)    NOT NULL,
    display_name  VARCHAR(100)  NOT NULL,
    updated_at    DATETIME(3)   NOT NULL,
    updated_by    VARCHAR(100)  NOT NULL,
    PRIMARY KEY (tenant_id, kind, name_key, origin),
    CONSTRAINT fk_display_name_tenant FOREIGN KEY (tenant_id) REFERENCES tenant (id) ON DELETE CASCADE
);
