package io.queuelens.exports.control;

import io.queuelens.exports.entity.Column;
import io.queuelens.exports.entity.ColumnType;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * XLSX written as SpreadsheetML straight into the zip, one sheet after the other: a row goes from the
 * report's stream into the sheet's deflated zip entry and is gone, so a million rows need no more heap
 * than ten, and there is no temporary file. (POI's streaming SXSSF, used before, wrote each sheet to a
 * gzip temporary file and copied it into the zip at the end: two compressions and a cell object per
 * value; 36 s of CPU for a million-row call list, against this writer's few seconds; see
 * docs/PERFORMANCE.md.) POI still reads the files in the tests.
 * <p>
 * Every table is a sheet with a bold, frozen header row and typed cells (numbers, [h]:mm:ss durations,
 * dates in the report's zone, booleans); strings are inline (a shared string table would hold every
 * distinct string, a million call ids, in memory). A sheet holds at most 1,048,576 rows: a longer table
 * goes on in "name (2)", so nothing is cut off. A first "Report" sheet holds the tenant, period,
 * filters and headline.
 */
public final class XlsxExport {

    /** Rows per sheet after the header: Excel's 1,048,576 rows, less the header. */
    static final int MAX_DATA_ROWS = 1_048_576 - 1;

    /** Style indexes into styles.xml's cellXfs, below. */
    private static final int STYLE_HEADER = 1;
    private static final int[] STYLE_OF_TYPE = new int[ColumnType.values().length];

    static {
        STYLE_OF_TYPE[ColumnType.INTEGER.ordinal()] = 2;
        STYLE_OF_TYPE[ColumnType.DECIMAL.ordinal()] = 3;
        STYLE_OF_TYPE[ColumnType.PERCENT.ordinal()] = 4;
        STYLE_OF_TYPE[ColumnType.DURATION.ordinal()] = 5;
        STYLE_OF_TYPE[ColumnType.TIMESTAMP.ordinal()] = 6;
    }

    private static final String STYLES = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
            <numFmts count="3"><numFmt numFmtId="164" formatCode="0.0"/><numFmt numFmtId="165" formatCode="[h]:mm:ss"/>\
            <numFmt numFmtId="166" formatCode="yyyy\\-mm\\-dd hh:mm:ss"/></numFmts>\
            <fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>\
            <fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>\
            <borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
            <cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
            <cellXfs count="7"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
            <xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>\
            <xf numFmtId="3" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
            <xf numFmtId="4" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
            <xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
            <xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
            <xf numFmtId="166" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>\
            <cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>""";

    private XlsxExport() {
    }

    public static void write(ReportDocument doc, OutputStream out) throws Exception {
        write(doc, out, MAX_DATA_ROWS);
    }

    /** @param rowsPerSheet data rows per sheet before it continues on the next (tests use a small one) */
    static void write(ReportDocument doc, OutputStream out, int rowsPerSheet) throws Exception {
        // The zip is the caller's stream's: finish() writes its directory without closing the stream.
        ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(new NonClosing(out), 64 * 1024),
                StandardCharsets.UTF_8);
        // Level 1: on such repetitive XML it costs a fraction of the default level's CPU for a file a
        // few tens of percent larger.
        zip.setLevel(Deflater.BEST_SPEED);
        Writer xml = new OutputStreamWriter(zip, StandardCharsets.UTF_8);
        Sheets sheets = new Sheets();
        cover(zip, xml, sheets.add("Report"), doc);
        for (ExportTable t : doc.tables()) {
            table(zip, xml, sheets, t, doc.zone(), rowsPerSheet);
        }
        parts(zip, xml, sheets.names);
        xml.flush();
        zip.finish();
        zip.flush();
    }

    /** Sheet names as Excel takes them: at most 31 characters, none of []:*?/\, unique. */
    static final class Sheets {
        final List<String> names = new ArrayList<>();
        private final Set<String> taken = new HashSet<>();

        String add(String wanted) {
            String clean = wanted.replaceAll("[\\[\\]:*?/\\\\]", "_").strip();
            if (clean.isEmpty()) {
                clean = "Sheet";
            }
            String name = cut(clean, 31);
            for (int n = 2; !taken.add(name.toLowerCase(java.util.Locale.ROOT)); n++) {
                String suffix = " (" + n + ")";
                name = cut(clean, 31 - suffix.length()) + suffix;
            }
            names.add(name);
            return name;
        }

        private static String cut(String s, int max) {
            return s.length() <= max ? s : s.substring(0, max);
        }
    }

    private static void cover(ZipOutputStream zip, Writer xml, String name, ReportDocument doc) throws IOException {
        beginSheet(zip, xml, 1, false, List.of(40, 50));
        int r = 1;
        r = line(xml, r, STYLE_HEADER, doc.tenantName() + " – " + doc.reportName(), null);
        r = line(xml, r, 0, "Period", doc.headline().period());
        for (String f : doc.filters()) {
            r = line(xml, r, 0, f, null);
        }
        r++;
        for (var fig : doc.headline().figures()) {
            r = line(xml, r, 0, fig.label(), fig.text());
        }
        endSheet(zip, xml);
    }

    private static int line(Writer xml, int r, int style, String a, String b) throws IOException {
        xml.write("<row r=\"");
        xml.write(Integer.toString(r));
        xml.write("\">");
        text(xml, "A", r, style, a);
        if (b != null) {
            text(xml, "B", r, 0, b);
        }
        xml.write("</row>");
        return r + 1;
    }

    private static void table(ZipOutputStream zip, Writer xml, Sheets sheets, ExportTable t, ZoneId zone, int rowsPerSheet)
            throws Exception {
        List<Column> columns = t.columns();
        String[] letters = new String[columns.size()];
        int[] styles = new int[columns.size()];
        ColumnType[] types = new ColumnType[columns.size()];
        List<Integer> widths = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            letters[i] = columnLetters(i);
            types[i] = columns.get(i).type();
            styles[i] = STYLE_OF_TYPE[types[i].ordinal()];
            widths.add(width(columns.get(i)));
        }
        int[] part = {1};
        int[] row = {2};
        startTableSheet(zip, xml, sheets, t.name(), part[0], columns, letters, widths);
        t.rows().each(values -> {
            if (row[0] - 1 > rowsPerSheet) {
                endSheet(zip, xml);
                part[0]++;
                startTableSheet(zip, xml, sheets, t.name(), part[0], columns, letters, widths);
                row[0] = 2;
            }
            dataRow(xml, row[0]++, values, types, styles, letters, zone);
        });
        endSheet(zip, xml);
    }

    private static void startTableSheet(ZipOutputStream zip, Writer xml, Sheets sheets, String table, int part,
                                        List<Column> columns, String[] letters, List<Integer> widths) throws IOException {
        sheets.add(part == 1 ? table : cut(table, 25) + " (" + part + ")");
        beginSheet(zip, xml, sheets.names.size(), true, widths);
        xml.write("<row r=\"1\">");
        for (int i = 0; i < columns.size(); i++) {
            text(xml, letters[i], 1, STYLE_HEADER, columns.get(i).title());
        }
        xml.write("</row>");
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

    private static void dataRow(Writer xml, int r, Object[] values, ColumnType[] types, int[] styles, String[] letters,
                                ZoneId zone) throws IOException {
        String rowNumber = Integer.toString(r);
        xml.write("<row r=\"");
        xml.write(rowNumber);
        xml.write("\">");
        for (int i = 0; i < types.length; i++) {
            Object v = values[i];
            if (v == null) {
                continue; // no data stays an empty cell, not 0
            }
            switch (types[i]) {
                case TEXT -> inlineString(xml, letters[i], rowNumber, 0, v.toString());
                case INTEGER, DECIMAL, PERCENT -> number(xml, letters[i], rowNumber, styles[i], (Number) v);
                case DURATION -> number(xml, letters[i], rowNumber, styles[i], Cells.excelDays((Number) v));
                case TIMESTAMP -> number(xml, letters[i], rowNumber, styles[i], Cells.excelSerial((Instant) v, zone));
                case BOOLEAN -> {
                    cellStart(xml, letters[i], rowNumber, 0);
                    xml.write(" t=\"b\"><v>");
                    xml.write((Boolean) v ? '1' : '0');
                    xml.write("</v></c>");
                }
            }
        }
        xml.write("</row>");
    }

    private static void cellStart(Writer xml, String letters, String row, int style) throws IOException {
        xml.write("<c r=\"");
        xml.write(letters);
        xml.write(row);
        xml.write('"');
        if (style != 0) {
            xml.write(" s=\"");
            xml.write(Integer.toString(style));
            xml.write('"');
        }
    }

    private static void number(Writer xml, String letters, String row, int style, Number n) throws IOException {
        cellStart(xml, letters, row, style);
        xml.write("><v>");
        if (n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte) {
            xml.write(Long.toString(n.longValue()));
        } else {
            double d = n.doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                d = 0; // not representable in a cell; the figures never produce them
            }
            if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                xml.write(Long.toString((long) d));
            } else {
                xml.write(Double.toString(d));
            }
        }
        xml.write("</v></c>");
    }

    private static void text(Writer xml, String letters, int row, int style, String s) throws IOException {
        inlineString(xml, letters, Integer.toString(row), style, s);
    }

    private static void inlineString(Writer xml, String letters, String row, int style, String s) throws IOException {
        cellStart(xml, letters, row, style);
        xml.write(" t=\"inlineStr\"><is><t xml:space=\"preserve\">");
        escape(xml, s);
        xml.write("</t></is></c>");
    }

    /** XML text: markup characters escaped, characters XML 1.0 cannot carry (control characters, lone surrogates) dropped. */
    static void escape(Writer xml, String s) throws IOException {
        int start = 0;
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char ch = s.charAt(i);
            String replacement;
            if (ch == '<') {
                replacement = "&lt;";
            } else if (ch == '>') {
                replacement = "&gt;";
            } else if (ch == '&') {
                replacement = "&amp;";
            } else if (ch < 0x20 && ch != '\t' && ch != '\n' && ch != '\r' || ch == 0xFFFE || ch == 0xFFFF) {
                replacement = "";
            } else if (Character.isHighSurrogate(ch) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
                continue;
            } else if (Character.isSurrogate(ch)) {
                replacement = "";
            } else {
                continue;
            }
            xml.write(s, start, i - start);
            xml.write(replacement);
            start = i + 1;
        }
        xml.write(s, start, n - start);
    }

    /** A, B, …, Z, AA, AB, …: the column part of a cell reference. */
    static String columnLetters(int index) {
        StringBuilder sb = new StringBuilder();
        for (int i = index + 1; i > 0; i = (i - 1) / 26) {
            sb.insert(0, (char) ('A' + (i - 1) % 26));
        }
        return sb.toString();
    }

    private static void beginSheet(ZipOutputStream zip, Writer xml, int number, boolean frozenHeader, List<Integer> widths)
            throws IOException {
        zip.putNextEntry(new ZipEntry("xl/worksheets/sheet" + number + ".xml"));
        xml.write("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                + "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
                + "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">");
        if (frozenHeader) {
            xml.write("<sheetViews><sheetView workbookViewId=\"0\"><pane ySplit=\"1\" topLeftCell=\"A2\" "
                    + "activePane=\"bottomLeft\" state=\"frozen\"/><selection pane=\"bottomLeft\" activeCell=\"A2\" "
                    + "sqref=\"A2\"/></sheetView></sheetViews>");
        }
        xml.write("<sheetFormatPr defaultRowHeight=\"15\"/><cols>");
        for (int i = 0; i < widths.size(); i++) {
            String col = Integer.toString(i + 1);
            xml.write("<col min=\"" + col + "\" max=\"" + col + "\" width=\"" + widths.get(i) + "\" customWidth=\"1\"/>");
        }
        xml.write("</cols><sheetData>");
    }

    private static void endSheet(ZipOutputStream zip, Writer xml) throws IOException {
        xml.write("</sheetData></worksheet>");
        xml.flush();
        zip.closeEntry();
    }

    /** The workbook, its relationships, styles and content types, once every sheet is written and named. */
    private static void parts(ZipOutputStream zip, Writer xml, List<String> sheetNames) throws IOException {
        StringBuilder workbook = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                + "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
                + "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>");
        StringBuilder rels = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">");
        StringBuilder types = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                + "<Override PartName=\"/xl/workbook.xml\" "
                + "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
                + "<Override PartName=\"/xl/styles.xml\" "
                + "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>");
        for (int i = 1; i <= sheetNames.size(); i++) {
            java.io.StringWriter name = new java.io.StringWriter();
            escape(name, sheetNames.get(i - 1));
            workbook.append("<sheet name=\"").append(name.toString().replace("\"", "&quot;")).append("\" sheetId=\"")
                    .append(i).append("\" r:id=\"rId").append(i).append("\"/>");
            rels.append("<Relationship Id=\"rId").append(i).append("\" ")
                    .append("Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" ")
                    .append("Target=\"worksheets/sheet").append(i).append(".xml\"/>");
            types.append("<Override PartName=\"/xl/worksheets/sheet").append(i).append(".xml\" ")
                    .append("ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>");
        }
        workbook.append("</sheets></workbook>");
        rels.append("<Relationship Id=\"rId").append(sheetNames.size() + 1).append("\" ")
                .append("Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" ")
                .append("Target=\"styles.xml\"/></Relationships>");
        types.append("</Types>");
        part(zip, xml, "xl/workbook.xml", workbook.toString());
        part(zip, xml, "xl/_rels/workbook.xml.rels", rels.toString());
        part(zip, xml, "xl/styles.xml", STYLES);
        part(zip, xml, "_rels/.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + "<Relationship Id=\"rId1\" "
                + "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" "
                + "Target=\"xl/workbook.xml\"/></Relationships>");
        part(zip, xml, "[Content_Types].xml", types.toString());
    }

    private static void part(ZipOutputStream zip, Writer xml, String name, String content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        xml.write(content);
        xml.flush();
        zip.closeEntry();
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

    /** Lets the zip finish without closing the response stream it writes to. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
