package io.queuelens.ingest.boundary;

import io.queuelens.ingest.control.ImportsInProgress;
import io.queuelens.ingest.control.IngestResult;
import io.queuelens.ingest.control.QueueLogFileIngestion;
import io.queuelens.kpi.boundary.KpiSettingsService;
import io.queuelens.rollups.control.QueueRollupRefresher;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.sql.SQLException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One-shot imports of queue_log files sent to the server (REST upload, {@code ./queuelens import-queue-log}).
 * No container transaction: {@link io.queuelens.ingest.control.FactCommitter} commits every batch in its
 * own local transaction, so a multi-gigabyte upload never becomes one giant transaction and what was
 * committed before a broken connection stays committed.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class QueueLogImports {

    private static final Logger LOG = Logger.getLogger(QueueLogImports.class.getName());

    @Resource(lookup = "jdbc/queuelens")
    DataSource dataSource;

    @Inject
    KpiSettingsService kpiSettings;

    @Inject
    @ConfigProperty(name = "queuelens.ingest.batch-rows", defaultValue = "5000")
    int linesPerCommit;

    /**
     * Reads the whole stream as a queue_log file (times are epoch seconds, UTC) into the facts and
     * rollups of {@code tenantId}/{@code sourceId}.
     *
     * @param name names the import's reader and quarantine positions ({@link QueueLogFileIngestion#NAME}); sending
     *             the same file under the same name again gives the same rows
     * @throws IOException  reading the stream failed (an upload cut off); the lines before the last commit are stored
     * @throws SQLException storing failed; the batch being stored is not
     * @throws ImportsInProgress.AlreadyRunning an import of this tenant, source and name is running
     */
    public IngestResult importQueueLog(String tenantId, String sourceId, String name, InputStream in)
            throws IOException, SQLException {
        QueueLogFileIngestion ingestion = new QueueLogFileIngestion(tenantId, sourceId, name, dataSource,
                new QueueRollupRefresher(tenantId, kpiSettings.historySupplier(tenantId)), linesPerCommit);
        IngestResult r;
        try (ImportsInProgress.Claim claim = ImportsInProgress.claim(tenantId, sourceId, name)) {
            r = ingestion.importStream(in);
        }
        LOG.log(Level.INFO, "Imported queue_log {0} into {1}/{2}: {3} lines, {4} visits, {5} quarantined",
                new Object[]{name, tenantId, sourceId, r.linesRead(), r.visits(), r.quarantined()});
        return r;
    }
}
