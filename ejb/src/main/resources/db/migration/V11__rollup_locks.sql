-- One row per tenant and rollup table (component rollups), locked by every transaction that recomputes
-- rollup buckets of that tenant: a reader's commit, an import's settlement slice, a KPI-settings
-- rebuild. Recomputing reads facts and writes buckets; two writers of one tenant (the demo's reader and
-- an upload, two PBXs) could otherwise each compute a bucket from facts the other had not committed yet
-- and the later write would keep the older picture. Queue and agent buckets lock separately, so an
-- import's two settlement sides still run side by side. A row in the database also serializes the
-- writers of several servers (cluster mode).
CREATE TABLE rollup_lock (
    tenant_id   VARCHAR(64)  NOT NULL,
    kind        VARCHAR(16)  NOT NULL,
    PRIMARY KEY (tenant_id, kind)
);
