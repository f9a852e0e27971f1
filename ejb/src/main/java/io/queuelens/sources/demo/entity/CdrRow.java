package io.queuelens.sources.demo.entity;

import java.time.Instant;
import java.util.Objects;

/**
 * One row of FreePBX's {@code asteriskcdrdb.cdr} (26 columns). {@code calldate} is the start of the
 * call; duration counts from the start, billsec from the answer.
 */
public record CdrRow(Instant calldate, String clid, String src, String dst, String dcontext, String channel,
                     String dstchannel, String lastapp, String lastdata, int duration, int billsec,
                     String disposition, int amaflags, String accountcode, String uniqueid, String userfield,
                     String did, String recordingfile, String cnum, String cnam, String outboundCnum,
                     String outboundCnam, String dstCnam, String linkedid, String peeraccount, int sequence) {

    public static final String ANSWERED = "ANSWERED";
    public static final String NO_ANSWER = "NO ANSWER";

    public CdrRow {
        Objects.requireNonNull(calldate, "calldate");
        Objects.requireNonNull(uniqueid, "uniqueid");
        if (duration < 0 || billsec < 0 || billsec > duration) {
            throw new IllegalArgumentException("need 0 <= billsec <= duration: " + billsec + "/" + duration);
        }
    }
}
