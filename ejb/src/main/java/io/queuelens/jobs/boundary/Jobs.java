package io.queuelens.jobs.boundary;

import io.queuelens.audit.boundary.AuditTrail;
import io.queuelens.cluster.boundary.Cluster;
import io.queuelens.jobs.control.JobTable;
import io.queuelens.jobs.entity.JobConflict;
import io.queuelens.jobs.entity.JobLaunch;
import io.queuelens.jobs.entity.JobRun;
import io.queuelens.jobs.entity.UnknownJob;
import jakarta.annotation.Resource;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.JobExecution;
import jakarta.batch.runtime.Metric;
import jakarta.batch.runtime.StepExecution;
import jakarta.ejb.EJBException;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Launches Jakarta Batch jobs once per (job, tenant, business key), restarts a failed or stopped
 * execution once, and lists the history. Runs without a container transaction: each claim commits
 * on its own before JobOperator is called, so a claim is visible to every other caller at once and
 * the job's own transactions never nest in the caller's.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Jobs {

    private static final Logger LOG = Logger.getLogger(Jobs.class.getName());
    /** Job parameters every QueueLens job receives. */
    public static final String LAUNCH_ID = "launchId";
    public static final String TENANT = "tenant";
    /** History covers this many days. */
    static final int HISTORY_DAYS = 60;

    @Resource(lookup = "jdbc/queuelens")
    DataSource dataSource;

    @Inject
    AuditTrail audit;

    @Inject
    Cluster cluster;

    JobOperator operator() {
        return BatchRuntime.getJobOperator();
    }

    /**
     * Claims the launch of (job, tenant, key) without starting it, so the caller can write what the
     * job needs (keyed by the launch id) before {@link #start}. Empty when it was claimed before.
     */
    public Optional<JobLaunch> claim(String job, String tenant, String key, Properties parameters, String by) {
        try (Connection c = dataSource.getConnection()) {
            return JobTable.claim(c, job, tenant, key, by, Instant.now(), parameters, cluster.memberId());
        } catch (SQLException e) {
            throw new EJBException("job launch " + job + "/" + tenant + "/" + key + " could not be claimed: " + e.getMessage(), e);
        }
    }

    /** Starts a claimed launch (its parameters plus launchId and tenant); returns it with its execution id. */
    public JobLaunch start(JobLaunch launch) {
        Properties p = launch.jobParameters();
        p.setProperty(LAUNCH_ID, Long.toString(launch.id()));
        p.setProperty(TENANT, launch.tenantId());
        long execution = operator().start(launch.jobName(), p);
        try (Connection c = dataSource.getConnection()) {
            JobTable.started(c, launch.id(), execution, cluster.memberId());
        } catch (SQLException e) {
            throw new EJBException("execution " + execution + " of launch " + launch.id() + " not recorded: " + e.getMessage(), e);
        }
        audit.recordAs(launch.launchedBy(), launch.tenantId(), "job.started", launch.jobName(),
                launch.businessKey() + " execution " + execution);
        return new JobLaunch(launch.id(), launch.jobName(), launch.tenantId(), launch.businessKey(), execution,
                launch.launchedBy(), launch.launchedAt(), launch.itemsTotal(), launch.itemsDone(), launch.lastError(),
                launch.parameters(), cluster.memberId());
    }

    /** Launches the job once per key: a second call with the same key returns the first launch, unstarted again. */
    public JobLaunch launch(String job, String tenant, String key, Properties parameters, String by) {
        Optional<JobLaunch> claimed = claim(job, tenant, key, parameters, by);
        return claimed.isPresent() ? start(claimed.get()) : find(job, tenant, key).orElseThrow();
    }

    public Optional<JobLaunch> find(String job, String tenant, String key) {
        try (Connection c = dataSource.getConnection()) {
            return JobTable.byKey(c, job, tenant, key);
        } catch (SQLException e) {
            throw new EJBException(e);
        }
    }

    /**
     * Restarts a FAILED or STOPPED execution, once. {@code mayManage} decides on the tenant (an
     * invisible tenant's execution is "unknown", so ids cannot be probed).
     *
     * @throws UnknownJob  no launch of a permitted tenant has this execution
     * @throws JobConflict the execution is not restartable or was restarted already
     */
    public JobRun restart(long executionId, Predicate<String> mayManage, String by) {
        JobLaunch launch;
        try (Connection c = dataSource.getConnection()) {
            launch = JobTable.byExecution(c, executionId).filter(l -> mayManage.test(l.tenantId()))
                    .orElseThrow(() -> new UnknownJob("no job execution " + executionId));
            BatchStatus status = operator().getJobExecution(executionId).getBatchStatus();
            if (status != BatchStatus.FAILED && status != BatchStatus.STOPPED) {
                throw new JobConflict("execution " + executionId + " is " + status + "; only FAILED or STOPPED ones restart");
            }
            if (!JobTable.claimRestart(c, executionId, launch.id(), by, "restart requested", Instant.now())) {
                throw new JobConflict("execution " + executionId + " was restarted already");
            }
        } catch (SQLException e) {
            throw new EJBException(e);
        }
        long next = restartClaimed(launch, executionId);
        audit.recordAs(by, launch.tenantId(), "job.restarted", launch.jobName(), launch.businessKey() + " execution "
                + executionId + " as " + next);
        return run(launch, next, null);
    }

    /** JobOperator.restart for a claimed restart; a refusal gives the claim back and is a conflict. */
    public long restartClaimed(JobLaunch launch, long executionId) {
        long next;
        try {
            Properties p = operator().getParameters(executionId);
            next = operator().restart(executionId, p == null ? launch.jobParameters() : p);
        } catch (RuntimeException e) {
            try (Connection c = dataSource.getConnection()) {
                JobTable.releaseRestart(c, executionId);
            } catch (SQLException s) {
                e.addSuppressed(s);
            }
            throw new JobConflict("execution " + executionId + " cannot be restarted: " + e.getMessage());
        }
        try (Connection c = dataSource.getConnection()) {
            JobTable.setRestartedAs(c, executionId, next);
            JobTable.setRunningOn(c, launch.id(), cluster.memberId());
        } catch (SQLException e) {
            throw new EJBException(e);
        }
        return next;
    }

    /** Every execution of the given tenants' launches (null = every tenant) of the last 60 days, newest first. */
    public List<JobRun> history(Collection<String> tenants) {
        List<JobRun> runs = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            List<JobLaunch> launches = JobTable.recent(c, tenants, Instant.now().minus(HISTORY_DAYS, ChronoUnit.DAYS), 500);
            Map<Long, JobTable.Restart> restarts = JobTable.restarts(c, launches.stream().map(JobLaunch::id).toList());
            for (JobLaunch l : launches) {
                List<Long> executions = new ArrayList<>();
                for (Long e = l.executionId(); e != null; ) {
                    executions.add(0, e);
                    JobTable.Restart r = restarts.get(e);
                    e = r == null ? null : r.newExecutionId();
                }
                if (executions.isEmpty()) {
                    runs.add(new JobRun(l.id(), 0, l.jobName(), l.tenantId(), l.businessKey(), l.launchedBy(), "NOT_STARTED",
                            null, l.launchedAt(), null, 0, 0, 0, null, l.lastError(), null, null));
                }
                for (long e : executions) {
                    runs.add(run(l, e, restarts.get(e)));
                }
            }
        } catch (SQLException e) {
            throw new EJBException(e);
        }
        return runs;
    }

    /** One execution of a launch; a JobOperator that no longer knows it gives an UNKNOWN row, not a failed page. */
    public JobRun run(JobLaunch l, long executionId, JobTable.Restart restart) {
        try {
            JobExecution e = operator().getJobExecution(executionId);
            long read = 0;
            long written = 0;
            long skipped = 0;
            for (StepExecution s : operator().getStepExecutions(executionId)) {
                for (Metric m : s.getMetrics()) {
                    switch (m.getType()) {
                        case READ_COUNT -> read += m.getValue();
                        case WRITE_COUNT -> written += m.getValue();
                        case READ_SKIP_COUNT, PROCESS_SKIP_COUNT, WRITE_SKIP_COUNT -> skipped += m.getValue();
                        default -> { }
                    }
                }
            }
            String status = e.getBatchStatus().name();
            // JobOperator's step metrics are saved when a step ends, not at checkpoints: the progress of
            // a running job comes from the items its chunks committed (job_launch.items_done).
            Integer progress = null;
            if (l.itemsTotal() != null && l.itemsTotal() > 0) {
                progress = (int) Math.min(100, 100L * l.itemsDone() / l.itemsTotal());
            }
            if (e.getBatchStatus() == BatchStatus.COMPLETED) {
                progress = 100;
            }
            String error = e.getBatchStatus() == BatchStatus.FAILED || e.getBatchStatus() == BatchStatus.STOPPED
                    ? (restart != null && restart.reason() != null && !"restart requested".equals(restart.reason())
                    ? restart.reason() + (l.lastError() == null ? "" : "; " + l.lastError()) : l.lastError()) : null;
            return new JobRun(l.id(), executionId, l.jobName(), l.tenantId(), l.businessKey(), l.launchedBy(), status,
                    e.getExitStatus(), instant(e.getStartTime()), instant(e.getEndTime()), read, written, skipped, progress,
                    error, restart == null ? null : restart.newExecutionId(), restart == null ? null : restart.restartedBy());
        } catch (RuntimeException ex) {
            LOG.log(Level.FINE, "execution " + executionId + " unknown to JobOperator", ex);
            return new JobRun(l.id(), executionId, l.jobName(), l.tenantId(), l.businessKey(), l.launchedBy(), "UNKNOWN",
                    null, l.launchedAt(), null, 0, 0, 0, null, ex.getMessage(), null, null);
        }
    }

    /** For job artifacts: the number of items the job will read (progress), its error, a skipped item. */
    public void itemsTotal(long launchId, int items) {
        write(c -> JobTable.setItemsTotal(c, launchId, items));
    }

    public void recordError(long launchId, String error) {
        write(c -> JobTable.setError(c, launchId, error));
    }

    public void recordSkip(long executionId, String item, String reason) {
        write(c -> JobTable.recordSkip(c, executionId, item, reason, Instant.now()));
    }

    public List<String> skipped(long executionId) {
        try (Connection c = dataSource.getConnection()) {
            return JobTable.skipped(c, executionId);
        } catch (SQLException e) {
            throw new EJBException(e);
        }
    }

    private interface SqlWork {
        void run(Connection c) throws SQLException;
    }

    private void write(SqlWork work) {
        try (Connection c = dataSource.getConnection()) {
            work.run(c);
        } catch (SQLException e) {
            throw new EJBException(e);
        }
    }

    private static Instant instant(java.util.Date d) {
        return d == null ? null : d.toInstant();
    }
}
