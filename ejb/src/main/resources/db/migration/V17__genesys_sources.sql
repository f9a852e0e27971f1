-- Genesys Cloud orgs configured per tenant (owned by sources/genesys). The API and login hosts come
-- from the region (e.g. mypurecloud.de); base_url replaces both (tests, proxies). The client secret is
-- stored only as vault ciphertext ("v1:<key id>:<base64>"), never plain. `name` is the source id the
-- facts of this org are stored under: it never changes after creation.
CREATE TABLE genesys_source (
    id             BIGINT        NOT NULL AUTO_INCREMENT,
    tenant_id      VARCHAR(64)   NOT NULL,
    name           VARCHAR(32)   NOT NULL,
    display_name   VARCHAR(200)  NOT NULL,
    enabled        BOOLEAN       NOT NULL,
    region         VARCHAR(64)   NOT NULL,
    base_url       VARCHAR(500)  NULL,
    client_id      VARCHAR(100)  NOT NULL,
    client_secret  VARCHAR(500)  NOT NULL,
    created_at     DATETIME(3)   NOT NULL,
    updated_at     DATETIME(3)   NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uq_genesys_source_name UNIQUE (tenant_id, name),
    CONSTRAINT fk_genesys_source_tenant FOREIGN KEY (tenant_id) REFERENCES tenant (id)
);

-- The last cross-check of a day of an org: per queue, offered/answered from the aggregates query and
-- from the queue visits imported from the conversation details. A row is replaced at every check.
CREATE TABLE genesys_crosscheck (
    tenant_id         VARCHAR(64)  NOT NULL,
    source_id         VARCHAR(32)  NOT NULL,
    check_day         DATE         NOT NULL,
    queue             VARCHAR(128) NOT NULL,
    offered_genesys   BIGINT       NOT NULL,
    answered_genesys  BIGINT       NOT NULL,
    offered_facts     BIGINT       NOT NULL,
    answered_facts    BIGINT       NOT NULL,
    checked_at        DATETIME(3)  NOT NULL,
    PRIMARY KEY (tenant_id, source_id, check_day, queue),
    CONSTRAINT fk_genesys_crosscheck_tenant FOREIGN KEY (tenant_id) REFERENCES tenant (id)
);
