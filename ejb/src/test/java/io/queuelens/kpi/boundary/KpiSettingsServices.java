package io.queuelens.kpi.boundary;

import javax.sql.DataSource;

/** A {@link KpiSettingsService} outside the container, for tests of the components that read settings. */
public final class KpiSettingsServices {

    private KpiSettingsServices() {
    }

    /** Reads and stores in {@code dataSource}; changes in the past would need an executor, this one has none. */
    public static KpiSettingsService over(DataSource dataSource) {
        KpiSettingsService s = new KpiSettingsService();
        s.dataSource = dataSource;
        s.audit = io.queuelens.audit.boundary.AuditTrail.to(line -> { });
        return s;
    }
}
