package io.queuelens.jobs.boundary;

import io.queuelens.audit.boundary.AuditTrail;
import io.queuelens.jobs.control.JobTable;
import io.queuelens.jobs.control.StaleExecutions;
import io.queuelens.jobs.entity.JobLaunch;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.JobExecution;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Crash recovery, shortly after start: an execution still STARTED/STARTING in the repository cannot
 * be running (this server just started; QueueLens runs its jobs on one member), so a killed server left
 * it. It is marked FAILED and restarted once from its last checkpoint (the restart row's key makes
 * "once" hold across repeated crashes and starts); when JobOperator refuses the restart, the job is
 * started afresh, which QueueLens jobs allow because their writes are idempotent. A launch claimed
 * but never started (killed between the claim and the start) is started.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrator")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class JobRecovery {

    private static final Logger LOG = Logger.getLogger(JobRecovery.class.getName());
    static final String REASON = "the server stopped during the run; restarted at the next start";

    @Resource
    TimerService timers;

    @Resource(lookup = "jdbc/queuelens")
    DataSource dataSource;

    @Inject
    Jobs jobs;

    @Inject
    AuditTrail audit;

    private volatile int recovered = -1;

    @PostConstruct
    void scheduleAfterStart() {
        // After deployment has finished: the batch runtime and the job XML must be ready for a restart.
        timers.createSingleActionTimer(10_000, new TimerConfig("job-recovery", false));
    }

    /**
     * Where JBatch keeps its tables: the app database, or on H2 a file of its own (bound as
     * {@code jdbc/queuelens-batch} by the launcher's post-boot commands).
     */
    DataSource jobRepository() {
        try {
            return (DataSource) new javax.naming.InitialContext().lookup("jdbc/queuelens-batch");
        } catch (javax.naming.NamingException | ClassCastException e) {
            return dataSource;
        }
    }

    /** How many executions the last recovery restarted; -1 before it ran. */
    public int recovered() {
        return recovered;
    }

    @Timeout
    void recover() {
        // Only what a previous server process left running is stale. A job launched in the seconds
        // between this start and the recovery timer is alive, and must not be failed and run twice.
        Instant processStart = Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
        JobOperator op = BatchRuntime.getJobOperator();
        int count = 0;
        try (Connection c = dataSource.getConnection()) {
            List<JobLaunch> launches = JobTable.recent(c, null, Instant.now().minus(Jobs.HISTORY_DAYS, ChronoUnit.DAYS), 10_000);
            Map<Long, JobTable.Restart> restarts = JobTable.restarts(c, launches.stream().map(JobLaunch::id).toList());
            for (JobLaunch l : launches) {
                if (l.executionId() == null) {
                    if (l.launchedAt().isBefore(processStart) && l.launchedAt().isBefore(Instant.now().minusSeconds(30))) {
                        jobs.start(l);
                        count++;
                    }
                    continue;
                }
                long latest = l.executionId();
                List<Long> seen = new ArrayList<>();
                while (restarts.containsKey(latest) && restarts.get(latest).newExecutionId() != null && !seen.contains(latest)) {
                    seen.add(latest);
                    latest = restarts.get(latest).newExecutionId();
                }
                BatchStatus status;
                try {
                    JobExecution execution = op.getJobExecution(latest);
                    if (execution.getCreateTime() == null || !execution.getCreateTime().toInstant().isBefore(processStart)) {
                        continue; // created by this server process: it is running here, not left by a stopped one
                    }
                    status = execution.getBatchStatus();
                } catch (RuntimeException e) {
                    continue;
                }
                if (status != BatchStatus.STARTED && status != BatchStatus.STARTING && status != BatchStatus.STOPPING) {
                    continue;
                }
                if (!JobTable.claimRestart(c, latest, l.id(), AuditTrail.SYSTEM, REASON, Instant.now())) {
                    continue; // restarted once already (a crash during the recovery itself)
                }
                try (Connection repository = jobRepository().getConnection()) {
                    StaleExecutions.markFailed(repository, latest);
                }
                long next;
                try {
                    next = jobs.restartClaimed(l, latest);
                } catch (RuntimeException refused) {
                    LOG.log(Level.WARNING, "execution " + latest + " of " + l.jobName() + " could not be restarted ("
                            + refused.getMessage() + "); starting the job afresh, its writes are idempotent");
                    java.util.Properties p = l.jobParameters();
                    p.setProperty(Jobs.LAUNCH_ID, Long.toString(l.id()));
                    p.setProperty(Jobs.TENANT, l.tenantId());
                    next = op.start(l.jobName(), p);
                    JobTable.setRestartedAs(c, latest, next);
                }
                audit.recordAs(AuditTrail.SYSTEM, l.tenantId(), "job.recovered", l.jobName(),
                        l.businessKey() + " execution " + latest + " as " + next);
                LOG.info("job " + l.jobName() + " " + l.businessKey() + ": execution " + latest
                        + " was left running by a stopped server; restarted as " + next);
                count++;
            }
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.SEVERE, "job recovery failed: " + e.getMessage(), e);
        }
        recovered = count;
    }
}
