-- Which tenants a user may see, and inside each which queues (identity issue). A server ADMIN sees every
-- tenant and needs no rows. A granted tenant without queue rows means all of its queues; queue rows
-- narrow it to those queues. The user's chosen language is applied on every page after login.

ALTER TABLE app_user ADD COLUMN locale VARCHAR(16) NULL;

CREATE TABLE app_user_tenant (
    user_id    BIGINT      NOT NULL,
    tenant_id  VARCHAR(64) NOT NULL,
    PRIMARY KEY (user_id, tenant_id),
    CONSTRAINT fk_app_user_tenant_user FOREIGN KEY (user_id) REFERENCES app_user (id) ON DELETE CASCADE,
    CONSTRAINT fk_app_user_tenant_tenant FOREIGN KEY (tenant_id) REFERENCES tenant (id) ON DELETE CASCADE
);

CREATE TABLE app_user_queue (
    user_id    BIGINT       NOT NULL,
    tenant_id  VARCHAR(64)  NOT NULL,
    queue      VARCHAR(128) NOT NULL,
    PRIMARY KEY (user_id, tenant_id, queue),
    CONSTRAINT fk_app_user_queue_grant FOREIGN KEY (user_id, tenant_id)
        REFERENCES app_user_tenant (user_id, tenant_id) ON DELETE CASCADE
);
