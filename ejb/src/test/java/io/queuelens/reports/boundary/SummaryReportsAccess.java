package io.queuelens.reports.boundary;

import javax.sql.DataSource;

/** A {@link SummaryReports} on a test database, for tests outside this package. */
public final class SummaryReportsAccess {

    private SummaryReportsAccess() {
    }

    public static SummaryReports of(DataSource ds) {
        SummaryReports r = new SummaryReports();
        r.dataSource = ds;
        r.kpiSettings = io.queuelens.kpi.boundary.KpiSettingsServices.over(ds);
        return r;
    }
}
