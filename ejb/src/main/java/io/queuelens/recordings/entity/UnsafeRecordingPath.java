package io.queuelens.recordings.entity;

import jakarta.ejb.ApplicationException;

/**
 * A {@code recordingfile} value that would lead outside the recordings root (an absolute path, a
 * {@code ..} segment, a link to elsewhere...). The PBX's database is input like any other.
 * An {@link ApplicationException}, so it reaches the web tier as itself through an EJB.
 */
@ApplicationException
public class UnsafeRecordingPath extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public UnsafeRecordingPath(String value, String why) {
        // the value goes to logs: its control characters must not forge log lines
        super("recording file '" + value.replaceAll("\\p{Cntrl}", "?") + "' refused: " + why);
    }
}
