package io.queuelens.exports.control;

import io.queuelens.exports.entity.Headline;

import java.time.ZoneId;
import java.util.List;

/**
 * A report ready to write in any format: what it is (tenant, title, period, filters, headline), its
 * tables and its charts. The first table is the report's main table: CSV and Parquet hold one table
 * per file and write that one; XLSX writes every table as a sheet, PDF every table and chart.
 *
 * @param filters one line per filter in words ("Queues: sales, support")
 */
public record ReportDocument(String tenantName, String reportName, Headline headline, ZoneId zone,
                             List<String> filters, List<ExportTable> tables, List<ChartSpec> charts) {

    public ReportDocument {
        filters = List.copyOf(filters);
        tables = List.copyOf(tables);
        charts = List.copyOf(charts);
        if (tables.isEmpty()) {
            throw new IllegalArgumentException("a report document has at least one table");
        }
    }

    public ExportTable mainTable() {
        return tables.get(0);
    }
}
