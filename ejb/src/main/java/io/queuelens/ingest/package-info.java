/**
 * The History flow's engine room: readers of each source's history (queue_log table or file, CDR,
 * later Genesys) feed the {@code calls} parser and assembler; facts, rollups and the reader's
 * checkpoint are written in one transaction, so a crash at any point resumes without loss or
 * duplicates. {@code HistoryIngestion} runs one reader per enabled configured source next to the
 * demo's, each on its own schedule slot; a live queue_log file is followed by {@code QueueLogFileTail}
 * across log rotations. What could not be understood is kept in
 * {@code quarantined_input} and read back, page by page, through {@code boundary.QuarantinedInputs}.
 */
package io.queuelens.ingest;
