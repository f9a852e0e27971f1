package io.queuelens.reports.entity;

import java.time.Instant;

/**
 * Buckets of one queue counted with a settings version that the settings history does not have in
 * force at their time (a rollup that was not rebuilt after a settings change, or a history that lost
 * a version). The reader divides them with KPI.md's defaults and the report says so.
 *
 * @param firstBucket the earliest such bucket's start
 * @param lastBucket  the latest such bucket's start
 * @param buckets     how many buckets
 */
public record UnknownSettingsVersion(String queue, String version, Instant firstBucket, Instant lastBucket,
                                     long buckets) {
}
