package io.queuelens.exports.control;

import com.lowagie.text.Document;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.Image;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;
import io.queuelens.exports.entity.Column;
import io.queuelens.exports.entity.Headline;

import java.awt.Color;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * PDF through OpenPDF: A4 landscape; the tenant's name (tenants have no logo yet), the report and
 * its period, the filters, the headline figures, the report's charts (JFreeChart, drawn here), then
 * every table with its header repeated on each page. Tables are streamed: rows are handed to the
 * document in blocks ({@link PdfPTable#setComplete} false), so a long call list is written page by
 * page instead of being held whole. Text uses the Liberation Sans that OpenPDF ships (Latin, Cyrillic,
 * Turkish), embedded, so names in any of the UI's languages print.
 */
public final class PdfExport {

    static final int BLOCK = 200;
    private static final String FONT = "font-fallback/LiberationSans-Regular.ttf";

    private PdfExport() {
    }

    public static void write(ReportDocument doc, OutputStream out) throws Exception {
        BaseFont base = baseFont();
        Font title = new Font(base, 16, Font.BOLD);
        Font heading = new Font(base, 11, Font.BOLD);
        Font text = new Font(base, 8);
        Font small = new Font(base, 6);
        Font smallBold = new Font(base, 6, Font.BOLD);
        Document pdf = new Document(PageSize.A4.rotate(), 24, 24, 24, 24);
        PdfWriter.getInstance(pdf, out).setCloseStream(false);
        pdf.addTitle(doc.tenantName() + " – " + doc.reportName());
        pdf.addCreator("QueueLens");
        pdf.open();
        try {
            pdf.add(new Paragraph(doc.tenantName(), title));
            Headline h = doc.headline();
            pdf.add(new Paragraph(doc.reportName() + " · " + h.period(), heading));
            for (String f : doc.filters()) {
                pdf.add(new Paragraph(f, text));
            }
            if (!h.figures().isEmpty()) {
                PdfPTable figures = new PdfPTable(Math.min(6, h.figures().size()));
                figures.setWidthPercentage(100);
                figures.setSpacingBefore(8);
                for (Headline.Figure f : h.figures()) {
                    PdfPCell c = new PdfPCell();
                    c.addElement(new Paragraph(f.label(), small));
                    c.addElement(new Paragraph(f.text(), heading));
                    c.setBorderColor(Color.LIGHT_GRAY);
                    figures.addCell(c);
                }
                figures.completeRow();
                pdf.add(figures);
            }
            for (ChartSpec chart : doc.charts()) {
                Image img = Image.getInstance(ChartImages.render(chart, 1000, 360), null);
                img.scaleToFit(pdf.getPageSize().getWidth() - 48, 250);
                img.setAlignment(Element.ALIGN_CENTER);
                img.setSpacingBefore(8);
                pdf.add(img);
            }
            for (ExportTable t : doc.tables()) {
                pdf.add(new Paragraph(t.title(), heading));
                table(pdf, t, doc.zone(), small, smallBold);
            }
        } finally {
            pdf.close();
        }
        out.flush();
    }

    private static void table(Document pdf, ExportTable t, ZoneId zone, Font font, Font bold) throws Exception {
        List<Column> columns = t.columns();
        PdfPTable table = new PdfPTable(columns.size());
        table.setWidthPercentage(100);
        table.setWidths(widths(columns));
        table.setSpacingBefore(4);
        table.setHeaderRows(1);
        table.setComplete(false);
        for (Column c : columns) {
            PdfPCell cell = new PdfPCell(new Phrase(c.title(), bold));
            cell.setBackgroundColor(new Color(230, 230, 230));
            table.addCell(cell);
        }
        int[] inBlock = {0};
        t.rows().each(values -> {
            for (int i = 0; i < columns.size(); i++) {
                PdfPCell cell = new PdfPCell(new Phrase(text(columns.get(i), values[i], zone), font));
                if (columns.get(i).type() != io.queuelens.exports.entity.ColumnType.TEXT) {
                    cell.setHorizontalAlignment(Element.ALIGN_RIGHT);
                }
                table.addCell(cell);
            }
            if (++inBlock[0] == BLOCK) {
                inBlock[0] = 0;
                try {
                    pdf.add(table); // writes the finished rows and frees them
                } catch (com.lowagie.text.DocumentException e) {
                    throw new IOException(e);
                }
            }
        });
        table.setComplete(true);
        pdf.add(table);
    }

    /** Relative widths: times and text need more room than numbers. */
    static float[] widths(List<Column> columns) {
        float[] w = new float[columns.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = switch (columns.get(i).type()) {
                case TIMESTAMP -> 2.2f;
                case TEXT -> 1.8f;
                default -> 1f;
            };
        }
        return w;
    }

    /** A cell as people read it: h:mm:ss, one decimal for percentages, local times. */
    static String text(Column c, Object v, ZoneId zone) {
        if (v == null) {
            return c.type() == io.queuelens.exports.entity.ColumnType.TEXT ? "" : "—";
        }
        return switch (c.type()) {
            case TEXT -> v.toString();
            case INTEGER -> v.toString();
            case DECIMAL -> Cells.number((Number) v, 2);
            case PERCENT -> String.format(java.util.Locale.ROOT, "%.1f", ((Number) v).doubleValue());
            case DURATION -> Cells.duration((Number) v);
            case TIMESTAMP -> Cells.readableTime((Instant) v, zone);
            case BOOLEAN -> ((Boolean) v) ? "yes" : "no";
        };
    }

    private static BaseFont baseFont() throws Exception {
        try (InputStream in = PdfExport.class.getClassLoader().getResourceAsStream(FONT)) {
            if (in == null) {
                return BaseFont.createFont(BaseFont.HELVETICA, BaseFont.WINANSI, BaseFont.NOT_EMBEDDED);
            }
            return BaseFont.createFont("LiberationSans-Regular.ttf", BaseFont.IDENTITY_H, BaseFont.EMBEDDED, true,
                    in.readAllBytes(), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
