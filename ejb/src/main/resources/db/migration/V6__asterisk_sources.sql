-- Asterisk PBXs configured per tenant (owned by sources/asterisk). Their queue_log is read from the
-- PBX database (TABLE) or from a file on this server (FILE); CDR and AMI settings are optional.
-- Passwords and secrets are stored only as vault ciphertext ("v1:<key id>:<base64>"), never plain.
-- `name` is the source id the facts of this PBX are stored under: it never changes after creation.
CREATE TABLE asterisk_source (
    id               BIGINT        NOT NULL AUTO_INCREMENT,
    tenant_id        VARCHAR(64)   NOT NULL,
    name             VARCHAR(32)   NOT NULL,
    display_name     VARCHAR(200)  NOT NULL,
    enabled          BOOLEAN       NOT NULL,
    queue_log_mode   VARCHAR(8)    NOT NULL,
    db_url           VARCHAR(500)  NULL,
    db_user          VARCHAR(100)  NULL,
    db_password      VARCHAR(500)  NULL,
    queue_log_table  VARCHAR(64)   NULL,
    queue_log_file   VARCHAR(1000) NULL,
    cdr_table        VARCHAR(64)   NULL,
    ami_host         VARCHAR(255)  NULL,
    ami_port         INT           NULL,
    ami_user         VARCHAR(100)  NULL,
    ami_secret       VARCHAR(500)  NULL,
    time_zone        VARCHAR(64)   NULL,
    created_at       DATETIME(3)   NOT NULL,
    updated_at       DATETIME(3)   NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT uq_asterisk_source_name UNIQUE (tenant_id, name),
    CONSTRAINT fk_asterisk_source_tenant FOREIGN KEY (tenant_id) REFERENCES tenant (id)
);
