/**
 * The live picture of a tenant's contact center, as immutable values: what the live model publishes
 * after every applied batch of events and what wallboards, realtime tables, alerts and the other
 * cluster members (as byte frames, see {@code LiveSnapshotCodec}) read. Nothing here is mutable, so a
 * reader never locks and a snapshot can be handed to any thread, serialized or diffed against the
 * previous one.
 */
package io.queuelens.live.entity;
