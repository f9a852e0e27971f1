-- Tenants (organizations) and the users who log in. Portable SQL: runs on H2 (MODE=MariaDB) and
-- on MariaDB/MySQL. Every later table carries tenant_id.

CREATE TABLE tenant (
    id          VARCHAR(64)  NOT NULL,
    name        VARCHAR(200) NOT NULL,
    time_zone   VARCHAR(64)  NOT NULL,
    locale      VARCHAR(16)  NOT NULL,
    currency    CHAR(3)      NOT NULL,
    created_at  TIMESTAMP(6) NOT NULL,
    PRIMARY KEY (id)
);

CREATE TABLE app_user (
    id                    BIGINT       NOT NULL AUTO_INCREMENT,
    username              VARCHAR(100) NOT NULL,
    password_hash         VARCHAR(400) NOT NULL,
    must_change_password  BOOLEAN      NOT NULL,
    enabled               BOOLEAN      NOT NULL,
    created_at            TIMESTAMP(6) NOT NULL,
    password_changed_at   TIMESTAMP(6) NULL,
    PRIMARY KEY (id),
    CONSTRAINT uq_app_user_username UNIQUE (username)
);

CREATE TABLE app_user_role (
    user_id  BIGINT      NOT NULL,
    role     VARCHAR(20) NOT NULL,
    PRIMARY KEY (user_id, role),
    CONSTRAINT fk_app_user_role_user FOREIGN KEY (user_id) REFERENCES app_user (id) ON DELETE CASCADE
);
