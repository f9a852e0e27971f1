-- Wallboards (component wallboards): a user's arrangement of live cards for one tenant. A board is
-- owned by the user who saved it and, when shared, offered to every user who may see the tenant.
-- The cards (queues, figures, colour, thresholds, order) are one JSON document: they are always read
-- and written whole, and their shape changes with the figures the live model offers.
CREATE TABLE wallboard (
    id                BIGINT        NOT NULL AUTO_INCREMENT,
    tenant_id         VARCHAR(64)   NOT NULL,
    owner             VARCHAR(100)  NOT NULL,
    name              VARCHAR(100)  NOT NULL,
    shared            BOOLEAN       NOT NULL,
    interval_seconds  INT           NOT NULL,
    cards             TEXT          NOT NULL,
    created_at        DATETIME(3)   NOT NULL,
    updated_at        DATETIME(3)   NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uq_wallboard_name UNIQUE (tenant_id, owner, name),
    CONSTRAINT fk_wallboard_tenant FOREIGN KEY (tenant_id) REFERENCES tenant (id)
);

CREATE INDEX ix_wallboard_shared ON wallboard (tenant_id, shared);
