package io.queuelens.calls.entity;

/**
 * The queue_log verbs QueueLens understands (FORMATS.md §1), including old and vendor ones. Anything
 * else is {@link #UNKNOWN}; the event keeps its raw name, so custom {@code QueueLog()} rows are never lost.
 */
public enum Verb {
    ENTERQUEUE, CONNECT, COMPLETECALLER, COMPLETEAGENT,
    ABANDON, EXITWITHTIMEOUT, EXITEMPTY, EXITWITHKEY, WITHDRAW,
    RINGNOANSWER, RINGCANCELED, AGENTDUMP, SYSCOMPAT,
    BLINDTRANSFER, ATTENDEDTRANSFER, TRANSFER,
    AGENTLOGIN, AGENTLOGOFF, AGENTCALLBACKLOGIN, AGENTCALLBACKLOGOFF,
    ADDMEMBER, REMOVEMEMBER,
    PAUSE, UNPAUSE, PAUSEALL, UNPAUSEALL,
    PENALTY, RINGINUSE,
    QUEUESTART, CONFIGRELOAD,
    DID,
    /** Wazo: the caller could not join (no members / queue full / queue closed). */
    JOINEMPTY, FULL, CLOSED,
    /** QueueMetrics convention for extra call information. */
    INFO,
    /** PBXware outbound dialling. */
    OUTDIAL, OUTANSWER,
    /** Not a verb of this list: the raw name is kept on the event. */
    UNKNOWN;

    // Open-addressing table over the names, so a verb can be looked up inside a line without
    // cutting a substring first (the parser's hot path).
    private static final int TABLE_SIZE = 128;
    private static final Verb[] TABLE = new Verb[TABLE_SIZE];

    static {
        for (Verb v : values()) {
            if (v == UNKNOWN) {
                continue;
            }
            int i = hash(v.name(), 0, v.name().length()) & (TABLE_SIZE - 1);
            while (TABLE[i] != null) {
                i = (i + 1) & (TABLE_SIZE - 1);
            }
            TABLE[i] = v;
        }
    }

    private static int hash(CharSequence s, int from, int to) {
        int h = 0;
        for (int i = from; i < to; i++) {
            h = 31 * h + s.charAt(i);
        }
        return h ^ (h >>> 7);
    }

    /** The verb spelled by {@code line[from, to)} exactly, or null when it is not one of ours. */
    public static Verb lookup(String line, int from, int to) {
        int len = to - from;
        int i = hash(line, from, to) & (TABLE_SIZE - 1);
        for (Verb v; (v = TABLE[i]) != null; i = (i + 1) & (TABLE_SIZE - 1)) {
            String name = v.name();
            if (name.length() == len && line.regionMatches(from, name, 0, len)) {
                return v;
            }
        }
        return null;
    }

    /** The verb for a raw name (exact spelling), or {@link #UNKNOWN}. */
    public static Verb of(String name) {
        if (name == null) {
            return UNKNOWN;
        }
        Verb v = lookup(name, 0, name.length());
        return v == null ? UNKNOWN : v;
    }
}
