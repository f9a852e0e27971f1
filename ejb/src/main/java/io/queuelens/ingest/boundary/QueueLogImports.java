package io.queuelens.ingest.boundary;

import io.queuelens.audit.boundary.AuditTrail;
import io.queuelens.ingest.control.ImportsInProgress;
import io.queuelens.ingest.control.IngestResult;
import io.queuelens.ingest.control.QueueLogFileIngestion;
import io.queuelens.kpi.boundary.KpiSettingsService;
import io.queuelens.rollups.control.QueueRollupRefresher;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.queuelens.rollups.control.RollupBacklog;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
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
    AuditTrail audit;

    @Resource(lookup = "java:comp/DefaultManagedExecutorService")
    ManagedExecutorService executor;

    @Inject
    @ConfigProperty(name = "queuelens.import.batch-lines", defaultValue = "20000")
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
                new QueueRollupRefresher(tenantId, kpiSettings.historySupplier(tenantId)), linesPerCommit)
                .settleOn(executor).commitOn(executor);
        IngestResult r;
        String target = sourceId + "/" + name;
        try (ImportsInProgress.Claim claim = ImportsInProgress.claim(dataSource, tenantId, sourceId, name)) {
            audit.record(tenantId, "import.started", target, null);
            try {
                r = ingestion.importStream(in);
            } catch (IOException | SQLException | RuntimeException e) {
                audit.record(tenantId, "import.failed", target, e.getMessage());
                throw e;
            }
        }
        audit.record(tenantId, "import.finished", target, "lines " + r.linesRead() + ", visits " + r.visits()
                + ", quarantined " + r.quarantined());
        LOG.log(Level.INFO, "Imported queue_log {0} into {1}/{2}: {3} lines, {4} visits, {5} quarantined",
                new Object[]{name, tenantId, sourceId, r.linesRead(), r.visits(), r.quarantined()});
        return r;
    }

    /**
     * Settles the rollups of imports that were killed before their end (their backlog outlives them,
     * see {@link io.queuelens.rollups.control.DeferredRollups}), so the imported span's reports become
     * complete without waiting for the file to be sent again. An import of the same name that is running
     * settles its own at its end and is left alone. Never throws; failures are logged and retried at the
     * next start.
     *
     * @return the imports settled
     */
    public int settleLeftovers() {
        int settled = 0;
        try {
            List<RollupBacklog.Owed> owed;
            try (Connection c = dataSource.getConnection()) {
                owed = RollupBacklog.all(c);
            }
            for (RollupBacklog.Owed o : owed) {
                if (!o.reader().startsWith(QueueLogFileIngestion.READER_PREFIX)) {
                    continue;
                }
                String name = o.reader().substring(QueueLogFileIngestion.READER_PREFIX.length());
                try (ImportsInProgress.Claim claim = ImportsInProgress.claim(dataSource, o.tenantId(), o.sourceId(), name)) {
                    long buckets = new QueueLogFileIngestion(o.tenantId(), o.sourceId(), name, dataSource,
                            new QueueRollupRefresher(o.tenantId(), kpiSettings.historySupplier(o.tenantId())), linesPerCommit)
                            .settleOn(executor).settleLeftover();
                    settled++;
                    LOG.log(Level.INFO, "Settled the rollups an interrupted import of queue_log {0} into {1}/{2} owed "
                            + "({3} queue buckets, {4} to {5})", new Object[]{name, o.tenantId(), o.sourceId(), buckets, o.from(), o.to()});
                } catch (ImportsInProgress.AlreadyRunning running) {
                    // that import settles its backlog when it ends
                }
            }
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.WARNING, "Settling the rollups of interrupted queue_log imports failed; retried at the next start", e);
        }
        return settled;
    }
}
