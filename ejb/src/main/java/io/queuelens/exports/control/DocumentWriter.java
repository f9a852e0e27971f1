package io.queuelens.exports.control;

import io.queuelens.exports.entity.ExportFormat;

import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes a report document in a format: the one place that picks the writer. */
public final class DocumentWriter {

    private DocumentWriter() {
    }

    /** @param bom CSV only: start with a UTF-8 byte order mark (for Excel) */
    public static void write(ReportDocument doc, ExportFormat format, boolean bom, OutputStream out) throws Exception {
        switch (format) {
            case CSV -> CsvExport.write(doc.mainTable(), doc.zone(), bom, out);
            case XLSX -> XlsxExport.write(doc, out);
            case PDF -> PdfExport.write(doc, out);
            case PARQUET -> {
                Map<String, String> meta = new LinkedHashMap<>();
                meta.put("queuelens.tenant", doc.tenantName());
                meta.put("queuelens.report", doc.reportName());
                meta.put("queuelens.period", doc.headline().period());
                meta.put("queuelens.timeZone", doc.zone().getId());
                ParquetExport.write(doc.mainTable(), meta, out);
            }
        }
    }
}
