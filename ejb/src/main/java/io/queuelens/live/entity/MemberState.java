package io.queuelens.live.entity;

/**
 * What a queue member is doing, folded from device status, InCall and Paused as a supervisor reads
 * it (FORMATS.md §3). The order is the order of precedence: a paused member on a call is ON_CALL.
 */
public enum MemberState {
    /** On a call (device in use, or InCall=1). */
    ON_CALL,
    /** Being offered a call (device ringing). */
    RINGING,
    /** Paused (with an optional reason), not on a call. */
    PAUSED,
    /** Logged in, not paused, device idle: can take a call. */
    AVAILABLE,
    /** Logged in but the device is unreachable, unknown or invalid. */
    UNAVAILABLE
}
