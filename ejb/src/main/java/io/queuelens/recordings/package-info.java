/**
 * Call recordings: the recordings root ({@code QUEUELENS_RECORDINGS_DIR}) and the safe way from a
 * PBX's {@code recordingfile} value to a file under it (never a file outside, whatever the value says).
 */
package io.queuelens.recordings;
