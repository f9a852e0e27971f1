package io.queuelens.exports.control;

import java.io.IOException;

/** Takes one row at a time; a writer turns it into bytes at once, so no format keeps rows in memory. */
@FunctionalInterface
public interface RowSink {

    /** @param values one value per column, of the column's type or null; the array may be reused by the caller */
    void row(Object[] values) throws IOException;
}
