package io.queuelens.reports.boundary;

import io.queuelens.kpi.boundary.KpiSettingsService;
import io.queuelens.kpi.control.KpiSettingsHistory;
import io.queuelens.reports.control.QueueRollupReader;
import io.queuelens.reports.control.SummaryAccumulator;
import io.queuelens.reports.entity.SummaryReport;
import io.queuelens.reports.entity.SummaryRequest;
import io.queuelens.reports.entity.UnknownSettingsVersion;
import jakarta.annotation.Resource;
import jakarta.ejb.EJBException;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * The summary report (queue figures per queue or per period) from the 15-minute rollups. A
 * {@link SummaryRequest} is validated when it is built, so every request reaching here is answerable.
 */
@Stateless
public class SummaryReports {

    @Resource(lookup = "jdbc/queuelens")
    DataSource dataSource;

    @Inject
    KpiSettingsService kpiSettings;

    public SummaryReport summary(@NotNull(message = "a summary request is required") SummaryRequest request) {
        SummaryAccumulator rows = new SummaryAccumulator(request);
        try (Connection c = dataSource.getConnection()) {
            List<UnknownSettingsVersion> unknown = new QueueRollupReader(settingsHistory(request.tenant()))
                    .scanInAnyOrder(c, request.tenant(), request.from(), request.to(), request.queues(), rows);
            return rows.finish(unknown);
        } catch (SQLException e) {
            throw new EJBException("summary report for tenant " + request.tenant() + " (" + request.from() + " .. "
                    + request.to() + ") could not read the rollups: " + e.getMessage(), e);
        }
    }

    /** The reader resolves each bucket's settings against this and flags buckets not yet rebuilt after a change. */
    KpiSettingsHistory settingsHistory(String tenant) {
        return kpiSettings.history(tenant);
    }
}
