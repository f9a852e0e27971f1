-- The demo PBX's own database (owned by sources/demo): the tables a real Asterisk/FreePBX would
-- write, so the Asterisk readers can be exercised against the demo. Portable SQL: runs on H2
-- (MODE=MariaDB;DATABASE_TO_LOWER=TRUE) and on MariaDB/MySQL.

-- Asterisk 22 realtime queue_log layout; time is the PBX's local time.
CREATE TABLE demo_queue_log (
    id         BIGINT       NOT NULL AUTO_INCREMENT,
    time       DATETIME(6)  NOT NULL,
    callid     VARCHAR(80)  NOT NULL DEFAULT '',
    queuename  VARCHAR(256) NOT NULL DEFAULT '',
    agent      VARCHAR(80)  NOT NULL DEFAULT '',
    event      VARCHAR(32)  NOT NULL DEFAULT '',
    data1      VARCHAR(100) NOT NULL DEFAULT '',
    data2      VARCHAR(100) NOT NULL DEFAULT '',
    data3      VARCHAR(100) NOT NULL DEFAULT '',
    data4      VARCHAR(100) NOT NULL DEFAULT '',
    data5      VARCHAR(100) NOT NULL DEFAULT '',
    PRIMARY KEY (id)
);

CREATE INDEX ix_demo_queue_log_time ON demo_queue_log (time);

-- FreePBX asteriskcdrdb.cdr layout, exactly its 26 columns (no key, as in FreePBX); calldate is the
-- PBX's local time.
CREATE TABLE demo_cdr (
    calldate       DATETIME     NOT NULL,
    clid           VARCHAR(80)  NOT NULL DEFAULT '',
    src            VARCHAR(80)  NOT NULL DEFAULT '',
    dst            VARCHAR(80)  NOT NULL DEFAULT '',
    dcontext       VARCHAR(80)  NOT NULL DEFAULT '',
    channel        VARCHAR(80)  NOT NULL DEFAULT '',
    dstchannel     VARCHAR(80)  NOT NULL DEFAULT '',
    lastapp        VARCHAR(80)  NOT NULL DEFAULT '',
    lastdata       VARCHAR(80)  NOT NULL DEFAULT '',
    duration       INT          NOT NULL DEFAULT 0,
    billsec        INT          NOT NULL DEFAULT 0,
    disposition    VARCHAR(45)  NOT NULL DEFAULT '',
    amaflags       INT          NOT NULL DEFAULT 0,
    accountcode    VARCHAR(20)  NOT NULL DEFAULT '',
    uniqueid       VARCHAR(32)  NOT NULL DEFAULT '',
    userfield      VARCHAR(255) NOT NULL DEFAULT '',
    did            VARCHAR(50)  NOT NULL DEFAULT '',
    recordingfile  VARCHAR(255) NOT NULL DEFAULT '',
    cnum           VARCHAR(80)  NOT NULL DEFAULT '',
    cnam           VARCHAR(80)  NOT NULL DEFAULT '',
    outbound_cnum  VARCHAR(80)  NOT NULL DEFAULT '',
    outbound_cnam  VARCHAR(80)  NOT NULL DEFAULT '',
    dst_cnam       VARCHAR(80)  NOT NULL DEFAULT '',
    linkedid       VARCHAR(32)  NOT NULL DEFAULT '',
    peeraccount    VARCHAR(80)  NOT NULL DEFAULT '',
    sequence       INT          NOT NULL DEFAULT 0
);

CREATE INDEX ix_demo_cdr_calldate ON demo_cdr (calldate);
CREATE INDEX ix_demo_cdr_uniqueid ON demo_cdr (uniqueid);
