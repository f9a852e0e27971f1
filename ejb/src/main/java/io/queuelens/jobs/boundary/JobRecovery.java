package io.queuelens.jobs.boundary;

import io.queuelens.audit.boundary.AuditTrail;
import io.queuelens.cluster.boundary.Cluster;
import io.queuelens.jobs.control.DepartedMembers;
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
import org.eclipse.microprofile.config.inject.ConfigProperty;

import javax.sql.DataSource;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Restarts the jobs a dead server left, once. Every launch records the member that runs it
 * ({@code job_launch.running_on}: the grid member's id in a cluster, a per-boot id alone). A launch whose
 * member is gone (alone: any earlier boot; in a cluster: missing from the grid for the lease TTL, see
 * {@link DepartedMembers}) is taken over by exactly one live member (a conditional UPDATE decides), and
 * its execution, if the repository still shows it running, is marked FAILED and restarted once from its
 * last checkpoint (the job_restart row's key makes "once" hold across members, repeated crashes and
 * starts); when JobOperator refuses the restart, the job is started afresh, which QueueLens jobs allow
 * because their writes are idempotent. A launch claimed but never started is started. A live member's
 * launches are never touched. Alone the check runs once shortly after the start; in a cluster every
 * {@code queuelens.jobs.recovery-check-ms}, so a member's death is noticed without any start.
 *
 * <p>Launches from before V22 name no member; they are judged as before: an execution created before
 * this process started cannot be running here, so a stopped server left it.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrator")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class JobRecovery {

    private static final Logger LOG = Logger.getLogger(JobRecovery.class.getName());
    static final String REASON = "the server stopped during the run; restarted at the next start";
    static final String REASON_MEMBER = "the cluster member running it stopped; restarted by another member";
    /** The first check waits for the deployment to end: the batch runtime and the job XML must be ready for a restart. */
    static final long FIRST_CHECK_MILLIS = 10_000;

    @Resource
    TimerService timers;

    @Resource(lookup = "jdbc/queuelens")
    DataSource dataSource;

    @Inject
    Jobs jobs;

    @Inject
    AuditTrail audit;

    @Inject
    Cluster cluster;

    /** How long a member must be missing from the grid before its jobs are restarted elsewhere. */
    @Inject
    @ConfigProperty(name = "queuelens.cluster.lease-ttl-ms", defaultValue = "6000")
    long graceMillis;

    /** In a cluster: how often the members' launches are checked. */
    @Inject
    @ConfigProperty(name = "queuelens.jobs.recovery-check-ms", defaultValue = "5000")
    long checkMillis;

    private DepartedMembers departed;
    private boolean legacyChecked;
    private volatile int recovered = -1;

    @PostConstruct
    void scheduleAfterStart() {
        if (cluster.clustered()) {
            departed = new DepartedMembers(graceMillis);
            timers.createIntervalTimer(FIRST_CHECK_MILLIS, Math.max(1000, checkMillis), new TimerConfig("job-recovery", false));
        } else {
            departed = new DepartedMembers(0); // the other ids are earlier boots of this very server
            timers.createSingleActionTimer(FIRST_CHECK_MILLIS, new TimerConfig("job-recovery", false));
        }
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

    /** How many executions recovery restarted or started since this server started; -1 before its first check. */
    public int recovered() {
        return recovered;
    }

    @Timeout
    void recover() {
        int count = 0;
        try (Connection c = dataSource.getConnection()) {
            if (!legacyChecked) {
                count += recoverUnmarked(c);
                legacyChecked = true;
            }
            count += recoverDeparted(c);
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.SEVERE, "job recovery failed: " + e.getMessage(), e);
        }
        recovered = Math.max(0, recovered) + count;
    }

    /** The launches of members that are gone: each taken over by this member (or by another, first). */
    private int recoverDeparted(Connection c) throws SQLException {
        String me = cluster.memberId();
        Set<String> alive = cluster.memberIds();
        List<JobLaunch> launches = JobTable.runningOnOthers(c, alive, Instant.now().minus(Jobs.HISTORY_DAYS, ChronoUnit.DAYS));
        Set<String> gone = departed.departed(launches.stream().map(JobLaunch::runningOn).collect(Collectors.toSet()),
                System.nanoTime() / 1_000_000);
        if (gone.isEmpty()) {
            return 0;
        }
        JobOperator op = BatchRuntime.getJobOperator();
        Map<Long, JobTable.Restart> restarts = JobTable.restarts(c, launches.stream().map(JobLaunch::id).toList());
        int count = 0;
        for (JobLaunch l : launches) {
            String from = l.runningOn();
            if (!gone.contains(from)) {
                continue;
            }
            if (l.executionId() == null) {
                // claimed by the dead member, never started: started here, by the one member that takes it over
                if (JobTable.takeOver(c, l.id(), from, me)) {
                    jobs.start(l);
                    audit.recordAs(AuditTrail.SYSTEM, l.tenantId(), "job.recovered", l.jobName(),
                            l.businessKey() + " claimed by " + from + ", started by " + me);
                    count++;
                }
                continue;
            }
            long latest = latest(l, restarts);
            BatchStatus status;
            try {
                status = op.getJobExecution(latest).getBatchStatus();
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "execution " + latest + " unknown to JobOperator", e);
                continue;
            }
            if (!running(status)) {
                JobTable.takeOver(c, l.id(), from, null); // it ended: nothing to watch any more
                continue;
            }
            if (!JobTable.takeOver(c, l.id(), from, me)) {
                continue; // another member took it over first
            }
            if (restart(c, op, l, latest, REASON_MEMBER, from)) {
                count++;
            }
        }
        return count;
    }

    /**
     * Launches that name no member (made before V22): an execution still running in the repository but
     * created before this process started was left by a stopped server (the rule of a server alone).
     */
    private int recoverUnmarked(Connection c) throws SQLException {
        Instant processStart = Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
        JobOperator op = BatchRuntime.getJobOperator();
        int count = 0;
        List<JobLaunch> launches = JobTable.recent(c, null, Instant.now().minus(Jobs.HISTORY_DAYS, ChronoUnit.DAYS), 10_000)
                .stream().filter(l -> l.runningOn() == null).toList();
        Map<Long, JobTable.Restart> restarts = JobTable.restarts(c, launches.stream().map(JobLaunch::id).toList());
        for (JobLaunch l : launches) {
            if (l.executionId() == null) {
                if (l.launchedAt().isBefore(processStart) && l.launchedAt().isBefore(Instant.now().minusSeconds(30))) {
                    jobs.start(l);
                    count++;
                }
                continue;
            }
            long latest = latest(l, restarts);
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
            if (running(status) && restart(c, op, l, latest, REASON, "a stopped server")) {
                count++;
            }
        }
        return count;
    }

    /** Claims the one restart of the execution and restarts it (afresh when JobOperator refuses); false if restarted before. */
    private boolean restart(Connection c, JobOperator op, JobLaunch l, long latest, String reason, String leftBy)
            throws SQLException {
        if (!JobTable.claimRestart(c, latest, l.id(), AuditTrail.SYSTEM, reason, Instant.now())) {
            return false; // restarted once already (a crash during the recovery itself)
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
            Properties p = l.jobParameters();
            p.setProperty(Jobs.LAUNCH_ID, Long.toString(l.id()));
            p.setProperty(Jobs.TENANT, l.tenantId());
            next = op.start(l.jobName(), p);
            JobTable.setRestartedAs(c, latest, next);
            JobTable.setRunningOn(c, l.id(), cluster.memberId());
        }
        audit.recordAs(AuditTrail.SYSTEM, l.tenantId(), "job.recovered", l.jobName(),
                l.businessKey() + " execution " + latest + " as " + next);
        LOG.info("job " + l.jobName() + " " + l.businessKey() + ": execution " + latest + " was left running by "
                + leftBy + "; restarted as " + next + " on " + cluster.memberId());
        return true;
    }

    /** The launch's newest execution: its first one followed along its restarts. */
    private static long latest(JobLaunch l, Map<Long, JobTable.Restart> restarts) {
        long latest = l.executionId();
        List<Long> seen = new ArrayList<>();
        while (restarts.containsKey(latest) && restarts.get(latest).newExecutionId() != null && !seen.contains(latest)) {
            seen.add(latest);
            latest = restarts.get(latest).newExecutionId();
        }
        return latest;
    }

    private static boolean running(BatchStatus status) {
        return status == BatchStatus.STARTED || status == BatchStatus.STARTING || status == BatchStatus.STOPPING;
    }
}
