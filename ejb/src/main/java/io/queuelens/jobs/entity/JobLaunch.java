package io.queuelens.jobs.entity;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Properties;
import java.util.TreeMap;

/**
 * A claimed launch: {@code executionId} is null between the claim and JobOperator.start (or after a
 * crash there). {@code itemsDone} counts items committed by all its executions (written in the jobs'
 * chunk transactions), {@code itemsTotal} what the job announced. {@code parameters} are the job parameters as properties text, so recovery can start it.
 * {@code runningOn} is the cluster member that claimed, started or restarted it (null once seen ended, or
 * for launches older than the column).
 */
public record JobLaunch(long id, String jobName, String tenantId, String businessKey, Long executionId, String launchedBy,
                        Instant launchedAt, Integer itemsTotal, int itemsDone, String lastError, String parameters,
                        String runningOn) {

    public Properties jobParameters() {
        Properties p = new Properties();
        try {
            p.load(new StringReader(parameters == null ? "" : parameters));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    /** Properties as sorted {@code key=value} lines (escaped as Properties does), without the date comment. */
    public static String text(Properties p) {
        StringWriter w = new StringWriter();
        Properties sorted = new Properties();
        new TreeMap<>(p).forEach(sorted::put);
        try {
            sorted.store(w, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString().lines().filter(l -> !l.startsWith("#")).reduce("", (a, b) -> a + b + "\n");
    }
}
