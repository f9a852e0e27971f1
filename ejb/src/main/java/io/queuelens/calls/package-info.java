/**
 * The fact model: queue visits, agent sessions and pauses, assembled from queue_log, CDR and Genesys
 * analytics. Ingestion is idempotent (natural keys and source positions) and quarantines bad input.
 */
package io.queuelens.calls;
