package io.queuelens.reports.boundary;

import io.queuelens.kpi.control.KpiSettingsHistory;
import io.queuelens.reports.control.QueueRollupReader;
import io.queuelens.reports.control.SummaryAccumulator;
import io.queuelens.reports.entity.SummaryReport;
import io.queuelens.reports.entity.SummaryRequest;
import io.queuelens.reports.entity.UnknownSettingsVersion;
import jakarta.annotation.Resource;
import jakarta.ejb.EJBException;
import jakarta.ejb.Stateless;
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

    /**
     * KPI settings are not persisted yet (no table, no editor): every bucket is counted with KPI.md's
     * defaults, so that is the whole history. When the kpi component stores versions, load the
     * tenant's history here; the reader already resolves and flags versions against it.
     */
    KpiSettingsHistory settingsHistory(String tenant) {
        return KpiSettingsHistory.defaultsOnly();
    }
}
