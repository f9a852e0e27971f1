package io.queuelens.sources.demo.control;

import io.queuelens.sources.demo.entity.AmiMessage;
import io.queuelens.sources.demo.entity.CdrRow;
import io.queuelens.sources.demo.entity.QueueLogRow;

/** Receives what the simulated PBX produces, in the order it happens, on the simulation's thread. */
public interface PbxListener {

    /**
     * False while nobody listens to AMI (e.g. during the backfill): the simulation then skips building
     * the AMI messages. It draws no random numbers for them, so the call sequence stays the same.
     */
    default boolean wantsAmi() {
        return true;
    }

    default void amiEvent(AmiMessage event) {
    }

    default void queueLog(QueueLogRow row) {
    }

    default void cdr(CdrRow row) {
    }
}
