package io.queuelens.payouts.entity;

/** How talk time is priced: to the second, or every started minute of each call counted whole. */
public enum TalkRounding {
    PER_SECOND, PER_STARTED_MINUTE
}
