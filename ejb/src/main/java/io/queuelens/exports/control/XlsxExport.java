package io.queuelens.exports.control;

import io.queuelens.exports.entity.Column;
import io.queuelens.exports.entity.ColumnType;
import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

import java.io.OutputStream;
import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * XLSX through POI's streaming SXSSF: only a window of {@value #WINDOW} rows is in memory, older rows
 * go to a compressed temporary file, so a million rows need no more heap than a hundred. Every table
 * is a sheet with a bold, frozen header row and typed cells (numbers, [h]:mm:ss durations, dates in
 * the report's zone). A sheet holds at most 1,048,576 rows: a longer table goes on in "name (2)", so
 * nothing is cut off. A first "Report" sheet holds the tenant, period, filters and headline.
 */
public final class XlsxExport {

    static final int WINDOW = 200;
    /** Rows per sheet after the header. */
    static final int MAX_DATA_ROWS = SpreadsheetVersion.EXCEL2007.getMaxRows() - 1;

    private XlsxExport() {
    }

    public static void write(ReportDocument doc, OutputStream out) throws Exception {
        write(doc, out, MAX_DATA_ROWS);
    }

    /** @param rowsPerSheet data rows per sheet before it continues on the next (tests use a small one) */
    static void write(ReportDocument doc, OutputStream out, int rowsPerSheet) throws Exception {
        // compressed temporary files at level 1 (FastSxssfWorkbook); inline strings, not a shared string
        // table: it would hold every distinct string (a million call ids) in memory, in XMLBeans
        SXSSFWorkbook wb = new FastSxssfWorkbook(WINDOW);
        try {
            Styles styles = new Styles(wb);
            cover(wb, doc, styles);
            for (ExportTable t : doc.tables()) {
                table(wb, t, doc.zone(), styles, rowsPerSheet);
            }
            wb.write(out);
            out.flush();
        } finally {
            wb.dispose(); // deletes the temporary files, also when the export failed half-way
            wb.close();
        }
    }

    /** Bold header and one style per column type, made once per workbook (a style per cell would bloat it). */
    static final class Styles {
        final CellStyle header;
        final CellStyle bold;
        final Map<ColumnType, CellStyle> byType = new EnumMap<>(ColumnType.class);

        Styles(SXSSFWorkbook wb) {
            Font f = wb.createFont();
            f.setBold(true);
            header = wb.createCellStyle();
            header.setFont(f);
            bold = header;
            short fmtInt = wb.createDataFormat().getFormat("#,##0");
            short fmtDec = wb.createDataFormat().getFormat("#,##0.00");
            short fmtPct = wb.createDataFormat().getFormat("0.0");
            short fmtDur = wb.createDataFormat().getFormat("[h]:mm:ss");
            short fmtTime = wb.createDataFormat().getFormat("yyyy-mm-dd hh:mm:ss");
            byType.put(ColumnType.INTEGER, style(wb, fmtInt));
            byType.put(ColumnType.DECIMAL, style(wb, fmtDec));
            byType.put(ColumnType.PERCENT, style(wb, fmtPct));
            byType.put(ColumnType.DURATION, style(wb, fmtDur));
            byType.put(ColumnType.TIMESTAMP, style(wb, fmtTime));
        }

        private static CellStyle style(SXSSFWorkbook wb, short format) {
            CellStyle s = wb.createCellStyle();
            s.setDataFormat(format);
            return s;
        }
    }

    private static void cover(SXSSFWorkbook wb, ReportDocument doc, Styles styles) {
        Sheet s = wb.createSheet("Report");
        int r = 0;
        r = line(s, r, styles.bold, doc.tenantName() + " – " + doc.reportName(), null);
        r = line(s, r, null, "Period", doc.headline().period());
        for (String f : doc.filters()) {
            r = line(s, r, null, f, null);
        }
        r++;
        for (var fig : doc.headline().figures()) {
            r = line(s, r, null, fig.label(), fig.text());
        }
        s.setColumnWidth(0, 40 * 256);
        s.setColumnWidth(1, 50 * 256);
    }

    private static int line(Sheet s, int r, CellStyle style, String a, String b) {
        Row row = s.createRow(r);
        Cell c = row.createCell(0);
        c.setCellValue(a);
        if (style != null) {
            c.setCellStyle(style);
        }
        if (b != null) {
            row.createCell(1).setCellValue(b);
        }
        return r + 1;
    }

    private static void table(SXSSFWorkbook wb, ExportTable t, ZoneId zone, Styles styles, int rowsPerSheet)
            throws Exception {
        List<Column> columns = t.columns();
        Sheet[] sheet = {newSheet(wb, t.name(), 1, columns, styles)};
        int[] part = {1};
        int[] rowIndex = {1};
        t.rows().each(values -> {
            if (rowIndex[0] > rowsPerSheet) {
                part[0]++;
                sheet[0] = newSheet(wb, t.name(), part[0], columns, styles);
                rowIndex[0] = 1;
            }
            Row row = sheet[0].createRow(rowIndex[0]++);
            for (int i = 0; i < columns.size(); i++) {
                Object v = values[i];
                if (v == null) {
                    continue;
                }
                Cell cell = row.createCell(i);
                ColumnType type = columns.get(i).type();
                switch (type) {
                    case TEXT -> cell.setCellValue(v.toString());
                    case INTEGER, DECIMAL, PERCENT -> cell.setCellValue(((Number) v).doubleValue());
                    case DURATION -> cell.setCellValue(Cells.excelDays((Number) v));
                    case TIMESTAMP -> cell.setCellValue(Cells.excelSerial((Instant) v, zone));
                    case BOOLEAN -> cell.setCellValue((Boolean) v);
                }
                CellStyle style = styles.byType.get(type);
                if (style != null) {
                    cell.setCellStyle(style);
                }
            }
        });
    }

    private static Sheet newSheet(SXSSFWorkbook wb, String name, int part, List<Column> columns, Styles styles) {
        Sheet s = wb.createSheet(part == 1 ? name : name.substring(0, Math.min(name.length(), 25)) + " (" + part + ")");
        Row header = s.createRow(0);
        for (int i = 0; i < columns.size(); i++) {
            Cell c = header.createCell(i);
            c.setCellValue(columns.get(i).title());
            c.setCellStyle(styles.header);
            s.setColumnWidth(i, width(columns.get(i)) * 256);
        }
        s.createFreezePane(0, 1);
        return s;
    }

    /** Fixed widths by type: auto-sizing a streamed sheet would have to track every cell. */
    private static int width(Column c) {
        int byType = switch (c.type()) {
            case TIMESTAMP -> 20;
            case TEXT -> 18;
            default -> 12;
        };
        return Math.max(byType, Math.min(40, c.title().length() + 2));
    }
}
