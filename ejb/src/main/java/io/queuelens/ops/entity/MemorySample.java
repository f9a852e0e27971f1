package io.queuelens.ops.entity;

import java.time.Instant;

/** The process's memory at one moment: heap in use, heap limit, resident set size (-1 when unknown). */
public record MemorySample(Instant at, long heapUsedBytes, long heapMaxBytes, long rssBytes) {
}
