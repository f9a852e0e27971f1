package io.queuelens.ingest.control;

/**
 * What one ingestion step did.
 *
 * @param linesRead    input lines or rows consumed
 * @param visits       visits written (finished or updated)
 * @param quarantined  lines or events quarantined with a reason
 * @param bucketsRefreshed rollup buckets recomputed
 * @param caughtUp     the reader reached the end of its input
 */
public record IngestResult(long linesRead, long visits, long quarantined, long bucketsRefreshed, boolean caughtUp) {

    public IngestResult plus(IngestResult o) {
        return new IngestResult(linesRead + o.linesRead, visits + o.visits, quarantined + o.quarantined,
                bucketsRefreshed + o.bucketsRefreshed, o.caughtUp);
    }

    public static final IngestResult NONE = new IngestResult(0, 0, 0, 0, true);
}
