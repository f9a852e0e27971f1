package io.queuelens.sources.demo.control;

import io.queuelens.sources.demo.entity.AmiMessage;
import io.queuelens.sources.demo.entity.CdrRow;
import io.queuelens.sources.demo.entity.QueueLogRow;

import java.util.ArrayList;
import java.util.List;

/** Keeps everything a simulation emits. */
final class Recorder implements PbxListener {
    final boolean ami;
    final List<AmiMessage> events = new ArrayList<>();
    final List<QueueLogRow> rows = new ArrayList<>();
    final List<CdrRow> cdrs = new ArrayList<>();

    Recorder(boolean ami) {
        this.ami = ami;
    }

    @Override
    public boolean wantsAmi() {
        return ami;
    }

    @Override
    public void amiEvent(AmiMessage event) {
        events.add(event);
    }

    @Override
    public void queueLog(QueueLogRow row) {
        rows.add(row);
    }

    @Override
    public void cdr(CdrRow row) {
        cdrs.add(row);
    }
}
