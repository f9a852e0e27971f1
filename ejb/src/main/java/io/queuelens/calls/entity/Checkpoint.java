package io.queuelens.calls.entity;

/**
 * Where a reader of a source stopped and what its assembler held at that point.
 *
 * @param position row id or byte offset after the last input consumed ("0" before the first)
 * @param state    the assembler's open calls, sessions and pauses at that position
 */
public record Checkpoint(String position, AssemblerState state) {

    public static final Checkpoint START = new Checkpoint("0", AssemblerState.EMPTY);

    public long positionAsLong() {
        return Long.parseLong(position);
    }
}
