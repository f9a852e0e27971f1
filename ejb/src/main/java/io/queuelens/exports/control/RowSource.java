package io.queuelens.exports.control;

import java.io.IOException;
import java.sql.SQLException;

/**
 * The rows of a table, pushed to a sink one by one: from a list already computed (a report's few
 * rows) or from a forward-only database read (a call list's million). A source may be read once.
 */
@FunctionalInterface
public interface RowSource {

    void each(RowSink sink) throws IOException, SQLException;
}
