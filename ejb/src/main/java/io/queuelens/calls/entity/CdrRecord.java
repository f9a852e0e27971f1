package io.queuelens.calls.entity;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Objects;

/**
 * One row of a PBX's cdr table as a fact (FORMATS.md section 2), whatever its layout. Text columns the
 * layout lacks are empty, optional ones ({@code did}, {@code callerName}, {@code linkedid},
 * {@code sequence}, {@code recordingFile}) null.
 *
 * @param naturalKey    identifies the row within its source, see {@code V5__cdr.sql}
 * @param calldate      start of the call (UTC)
 * @param calldateLocal the same instant as the PBX's wall time, as the table holds it
 * @param callerName    FreePBX's {@code cnam}, or null
 * @param recordingFile the table's {@code recordingfile} as written (relative to the recordings root), or null
 */
public record CdrRecord(String tenantId, String sourceId, String naturalKey, Instant calldate, LocalDateTime calldateLocal,
                        String clid, String src, String dst, String did, String callerName, String dcontext,
                        String channel, String dstchannel, String lastapp, String lastdata, int duration, int billsec,
                        String disposition, String accountcode, String userfield, String uniqueid, String linkedid,
                        Integer sequence, String recordingFile) {

    public CdrRecord {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(naturalKey, "naturalKey");
        Objects.requireNonNull(calldate, "calldate");
        Objects.requireNonNull(calldateLocal, "calldateLocal");
        Objects.requireNonNull(uniqueid, "uniqueid");
    }

    /** The call ids a queue visit of this call may carry: queue_log's callid is the caller channel's uniqueid. */
    public java.util.List<String> callIds() {
        return linkedid == null || linkedid.isEmpty() || linkedid.equals(uniqueid)
                ? java.util.List.of(uniqueid) : java.util.List.of(uniqueid, linkedid);
    }
}
