package io.queuelens.cdrs.entity;

import java.io.Serializable;
import java.time.Instant;

/**
 * One CDR as the search shows it. {@code hasRecording} says the PBX named a file; {@code recordingFound} that the
 * file is under the recordings root as the page is read (a PBX names files it never wrote, and cleans up old ones).
 */
public record CdrListing(long id, Instant calldate, String clid, String src, String dst, String did, String callerName,
                         String disposition, int duration, int billsec, String queue, String agent, boolean hasRecording,
                         boolean recordingFound, String uniqueid, String channel, String dstchannel, String dcontext,
                         String lastapp)
        implements Serializable {
}
