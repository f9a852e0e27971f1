package io.queuelens.exports.control;

import io.queuelens.exports.entity.Column;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * CSV per RFC 4180: UTF-8, comma, CRLF line ends, a header line of column titles, fields quoted only
 * when needed. Optionally a byte order mark first, which Excel needs to read UTF-8 (other tools may
 * show it as a stray character, so it is opt-in: {@code bom=true}). Durations are seconds and
 * percentages 0..100, numbers with a dot: the file is for programs as much as for people.
 */
public final class CsvExport {

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private CsvExport() {
    }

    /** Writes the table and flushes; does not close {@code out}. */
    public static long write(ExportTable table, ZoneId zone, boolean bom, OutputStream out) throws Exception {
        if (bom) {
            out.write(BOM);
        }
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
        List<Column> columns = table.columns();
        for (int i = 0; i < columns.size(); i++) {
            if (i > 0) {
                w.write(',');
            }
            w.write(Cells.csvField(columns.get(i).title()));
        }
        w.write("\r\n");
        long[] count = {0};
        table.rows().each(values -> {
            for (int i = 0; i < columns.size(); i++) {
                if (i > 0) {
                    w.write(',');
                }
                w.write(field(columns.get(i), values[i], zone));
            }
            w.write("\r\n");
            count[0]++;
        });
        w.flush();
        return count[0];
    }

    static String field(Column c, Object v, ZoneId zone) {
        if (v == null) {
            return "";
        }
        return switch (c.type()) {
            case TEXT -> Cells.csvField(v.toString());
            case INTEGER -> v.toString();
            case DECIMAL, PERCENT, DURATION -> Cells.number((Number) v, 3);
            case TIMESTAMP -> Cells.isoTime((Instant) v, zone);
            case BOOLEAN -> ((Boolean) v) ? "true" : "false";
        };
    }
}
