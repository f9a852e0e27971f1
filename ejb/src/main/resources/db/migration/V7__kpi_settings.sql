-- KPI settings over time (component kpi). Rows are never updated: a change is a new version with the
-- instant it takes effect, so a report on March is computed with March's settings after April's edit.
-- Without rows a tenant uses KPI.md's defaults (version t0, effective since the epoch).

CREATE TABLE kpi_tenant_settings (
    tenant_id               VARCHAR(64)  NOT NULL,
    version                 INT          NOT NULL,
    effective_from          DATETIME     NOT NULL,
    sla_seconds             INT          NOT NULL,
    short_abandon_seconds   INT          NOT NULL,
    sla_mode                VARCHAR(16)  NOT NULL,
    short_call_seconds      INT          NOT NULL,
    repeat_window_hours     INT          NOT NULL,
    billable_pause_reasons  VARCHAR(1000) NOT NULL,
    acw_match_seconds       INT          NOT NULL,
    changed_by              VARCHAR(128) NOT NULL,
    changed_at              DATETIME(3)  NOT NULL,
    PRIMARY KEY (tenant_id, version)
);

-- A queue's deviations from its tenant's defaults; NULL = the tenant default applies.
CREATE TABLE kpi_queue_override (
    tenant_id               VARCHAR(64)  NOT NULL,
    queue                   VARCHAR(128) NOT NULL,
    version                 INT          NOT NULL,
    effective_from          DATETIME     NOT NULL,
    sla_seconds             INT          NULL,
    short_abandon_seconds   INT          NULL,
    sla_mode                VARCHAR(16)  NULL,
    short_call_seconds      INT          NULL,
    repeat_window_hours     INT          NULL,
    acw_match_seconds       INT          NULL,
    changed_by              VARCHAR(128) NOT NULL,
    changed_at              DATETIME(3)  NOT NULL,
    PRIMARY KEY (tenant_id, queue, version)
);
