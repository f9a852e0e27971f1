package io.queuelens.payouts.entity;

import java.time.Instant;
import java.time.LocalDate;

/** A revision of a tenant day: who made it when, through which job launch, and how many agent-days it holds so far. */
public record PayoutRevision(LocalDate day, int revision, long launchId, String createdBy, Instant createdAt, int agentDays) implements java.io.Serializable {
}
