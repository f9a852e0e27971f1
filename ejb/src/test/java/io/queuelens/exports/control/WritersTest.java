package io.queuelens.exports.control;

import io.queuelens.exports.entity.Column;
import io.queuelens.exports.entity.ExportFormat;
import io.queuelens.exports.entity.Headline;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every writer on the same small document with every column type. */
class WritersTest {

    static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    static final List<Column> COLUMNS = List.of(Column.text("queue", "Queue"), Column.integer("offered", "Offered"),
            Column.percent("serviceLevel", "Service level"), Column.duration("asa", "ASA"),
            Column.timestamp("enteredAt", "Entered"), Column.bool("transferred", "Transferred"),
            Column.decimal("ratio", "Ratio"));

    static List<Object[]> rows() {
        List<Object[]> rows = new ArrayList<>();
        rows.add(new Object[]{"sales, \"east\"", 120L, 85.25, 23.5, Instant.parse("2026-11-20T07:15:00Z"), true, 1.5});
        rows.add(new Object[]{"Поддержка", 0L, null, null, null, false, null});
        rows.add(new Object[]{"=cmd", 7L, 100.0, 3_725, Instant.parse("2026-11-20T23:30:00Z"), null, 0.25});
        return rows;
    }

    static ReportDocument doc(List<Object[]> rows) {
        Headline h = new Headline("Summary", "2026-11-20 – 2026-11-21 (Europe/Berlin)",
                List.of(new Headline.Figure("offered", "Offered", 127L, "127")));
        return new ReportDocument("Demo GmbH", "Summary", h, ZONE, List.of("Queues: all"),
                List.of(ExportTable.of("rows", "Per queue", COLUMNS, rows)),
                List.of(new ChartSpec("Offered", ChartSpec.Kind.BAR, "calls", List.of("a", "b"),
                        Map.of("offered", List.of(1, 2)))));
    }

    static byte[] write(ReportDocument doc, ExportFormat f, boolean bom) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DocumentWriter.write(doc, f, bom, out);
        return out.toByteArray();
    }

    @Test
    void csvIsRfc4180WithTitlesSecondsAndOffsets() throws Exception {
        String csv = new String(write(doc(rows()), ExportFormat.CSV, false), StandardCharsets.UTF_8);
        assertThat(csv.split("\r\n", -1)).containsExactly(
                "Queue,Offered,Service level %,ASA,Entered,Transferred,Ratio",
                "\"sales, \"\"east\"\"\",120,85.25,23.5,2026-11-20T08:15+01:00,true,1.5",
                "Поддержка,0,,,,false,",
                "'=cmd,7,100,3725,2026-11-21T00:30+01:00,,0.25",
                "");
    }

    @Test
    void csvBomOnlyWhenAsked() throws Exception {
        byte[] with = write(doc(rows()), ExportFormat.CSV, true);
        byte[] without = write(doc(rows()), ExportFormat.CSV, false);
        assertThat(with).startsWith((byte) 0xEF, (byte) 0xBB, (byte) 0xBF);
        assertThat(without[0]).isEqualTo((byte) 'Q');
        assertThat(with.length).isEqualTo(without.length + 3);
    }

    @Test
    void xlsxHasABoldFrozenHeaderAndTypedFormattedCells() throws Exception {
        byte[] file = write(doc(rows()), ExportFormat.XLSX, false);
        try (Workbook wb = new XSSFWorkbook(new ByteArrayInputStream(file))) {
            assertThat(wb.getSheetName(0)).isEqualTo("Report");
            assertThat(wb.getSheet("Report").getRow(0).getCell(0).getStringCellValue()).isEqualTo("Demo GmbH – Summary");
            Sheet s = wb.getSheet("rows");
            assertThat(s.getPaneInformation().isFreezePane()).isTrue();
            assertThat(s.getPaneInformation().getHorizontalSplitPosition()).isEqualTo((short) 1);
            Cell header = s.getRow(0).getCell(2);
            assertThat(header.getStringCellValue()).isEqualTo("Service level %");
            assertThat(wb.getFontAt(header.getCellStyle().getFontIndex()).getBold()).isTrue();
            assertThat(s.getRow(1).getCell(0).getStringCellValue()).isEqualTo("sales, \"east\"");
            assertThat(s.getRow(1).getCell(1).getNumericCellValue()).isEqualTo(120);
            assertThat(s.getRow(1).getCell(1).getCellStyle().getDataFormatString()).isEqualTo("#,##0");
            Cell asa = s.getRow(1).getCell(3);
            assertThat(asa.getNumericCellValue()).isEqualTo(23.5 / 86_400);
            assertThat(asa.getCellStyle().getDataFormatString()).isEqualTo("[h]:mm:ss");
            Cell entered = s.getRow(1).getCell(4);
            assertThat(entered.getLocalDateTimeCellValue()).isEqualTo("2026-11-20T08:15:00");
            assertThat(s.getRow(1).getCell(5).getCellType()).isEqualTo(CellType.BOOLEAN);
            assertThat(s.getRow(2).getCell(2)).isNull(); // no data stays empty, not 0
            assertThat(s.getLastRowNum()).isEqualTo(3);
        }
    }

    @Test
    void xlsxGoesOnInANewSheetInsteadOfCuttingRows() throws Exception {
        List<Object[]> many = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            many.add(new Object[]{"q" + i, (long) i, null, null, null, null, null});
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        XlsxExport.write(doc(many), out, 10);
        try (Workbook wb = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
            assertThat(wb.getNumberOfSheets()).isEqualTo(4);
            assertThat(wb.getSheet("rows").getLastRowNum()).isEqualTo(10);
            assertThat(wb.getSheet("rows (2)").getRow(1).getCell(0).getStringCellValue()).isEqualTo("q10");
            assertThat(wb.getSheet("rows (3)").getLastRowNum()).isEqualTo(5);
            assertThat(wb.getSheet("rows (3)").getRow(5).getCell(0).getStringCellValue()).isEqualTo("q24");
            assertThat(wb.getSheet("rows (3)").getRow(0).getCell(0).getStringCellValue()).isEqualTo("Queue");
        }
    }

    @Test
    void xlsxEscapesMarkupDropsWhatXmlCannotCarryAndKeepsSheetNamesUnique() throws Exception {
        List<Object[]> rows = new ArrayList<>();
        rows.add(new Object[]{"<b>&amp;</b> \u0001bell\u0007 \uD83D\uDE00 \uD800", 1L, null, null, null, null, Double.NaN});
        ReportDocument d = new ReportDocument("A & B <GmbH>", "Summary", doc(rows).headline(), ZONE, List.of("Queues: <all>"),
                List.of(ExportTable.of("calls of today", "t", COLUMNS, rows),
                        ExportTable.of("Calls of Today", "t", COLUMNS, List.of()),
                        ExportTable.of("report", "t", COLUMNS, List.of())), List.of());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        XlsxExport.write(d, out);
        try (Workbook wb = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
            assertThat(wb.getSheet("Report").getRow(0).getCell(0).getStringCellValue()).isEqualTo("A & B <GmbH> – Summary");
            // Excel compares sheet names without case
            assertThat(wb.getSheetName(1)).isEqualTo("calls of today");
            assertThat(wb.getSheetName(2)).isEqualTo("Calls of Today (2)");
            assertThat(wb.getSheetName(3)).isEqualTo("report (2)");
            Sheet s = wb.getSheetAt(1);
            assertThat(s.getRow(1).getCell(0).getStringCellValue()).isEqualTo("<b>&amp;</b> bell \uD83D\uDE00 ");
            assertThat(s.getRow(1).getCell(6).getNumericCellValue()).isZero();
        }
        assertThat(XlsxExport.columnLetters(0)).isEqualTo("A");
        assertThat(XlsxExport.columnLetters(25)).isEqualTo("Z");
        assertThat(XlsxExport.columnLetters(26)).isEqualTo("AA");
        assertThat(XlsxExport.columnLetters(701)).isEqualTo("ZZ");
        assertThat(XlsxExport.columnLetters(702)).isEqualTo("AAA");
    }

    @Test
    void xlsxLeavesTheCallersStreamOpen() throws Exception {
        boolean[] closed = {false};
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        java.io.OutputStream out = new java.io.FilterOutputStream(bytes) {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        XlsxExport.write(doc(rows()), out);
        assertThat(closed[0]).isFalse();
        assertThat(bytes.size()).isGreaterThan(1000);
    }

    @Test
    void parquetHasTypedColumnsAndReadsBackTheSameValues() throws Exception {
        ParquetRows.Read read = ParquetRows.read(write(doc(rows()), ExportFormat.PARQUET, false));
        var schema = read.schema();
        assertThat(schema.getType("queue").asPrimitiveType().getPrimitiveTypeName()).isEqualTo(PrimitiveTypeName.BINARY);
        assertThat(schema.getType("queue").getLogicalTypeAnnotation()).isEqualTo(LogicalTypeAnnotation.stringType());
        assertThat(schema.getType("offered").asPrimitiveType().getPrimitiveTypeName()).isEqualTo(PrimitiveTypeName.INT64);
        assertThat(schema.getType("serviceLevel").asPrimitiveType().getPrimitiveTypeName()).isEqualTo(PrimitiveTypeName.DOUBLE);
        assertThat(schema.getType("enteredAt").getLogicalTypeAnnotation())
                .isEqualTo(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MILLIS));
        assertThat(read.metadata()).containsEntry("queuelens.tenant", "Demo GmbH").containsEntry("queuelens.timeZone", "Europe/Berlin");
        List<Group> rows = read.rows();
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).getString("queue", 0)).isEqualTo("sales, \"east\"");
        assertThat(rows.get(0).getLong("offered", 0)).isEqualTo(120);
        assertThat(rows.get(0).getDouble("serviceLevel", 0)).isEqualTo(85.25);
        assertThat(rows.get(0).getDouble("asa", 0)).isEqualTo(23.5);
        assertThat(rows.get(0).getLong("enteredAt", 0)).isEqualTo(Instant.parse("2026-11-20T07:15:00Z").toEpochMilli());
        assertThat(rows.get(0).getBoolean("transferred", 0)).isTrue();
        assertThat(rows.get(1).getString("queue", 0)).isEqualTo("Поддержка");
        assertThat(rows.get(1).getFieldRepetitionCount("serviceLevel")).isZero(); // null, not 0
        assertThat(rows.get(2).getString("queue", 0)).isEqualTo("=cmd"); // data, not a spreadsheet: unchanged
    }

    @Test
    void pdfHasTenantPeriodFiguresAndTableText() throws Exception {
        byte[] file = write(doc(rows()), ExportFormat.PDF, false);
        try (var pdf = Loader.loadPDF(file)) {
            String text = new PDFTextStripper().getText(pdf);
            assertThat(text).contains("Demo GmbH", "2026-11-20 – 2026-11-21 (Europe/Berlin)", "Queues: all", "Per queue",
                    "Service level %", "sales, \"east\"", "85.3", "0:00:24", "2026-11-20 08:15:00", "Поддержка", "1:02:05");
            assertThat(pdf.getPage(0).getResources().getXObjectNames()).isNotEmpty(); // the chart
        }
    }
}
