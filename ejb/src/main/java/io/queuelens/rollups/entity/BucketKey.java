package io.queuelens.rollups.entity;

import java.time.Instant;
import java.util.Objects;

/** One queue's 15-minute bucket of a tenant (the tenant is implied by the caller). */
public record BucketKey(String queue, Instant start) {

    public BucketKey {
        Objects.requireNonNull(queue, "queue");
        Buckets.requireBucketStart(start, "bucket start");
    }

    public static BucketKey of(String queue, Instant t) {
        return new BucketKey(queue, Buckets.floor(t));
    }
}
