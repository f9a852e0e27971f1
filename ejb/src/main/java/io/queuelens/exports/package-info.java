/**
 * Exports: every report of the History pages as XLSX, CSV, PDF or Parquet, streamed, with no row cap.
 *
 * <p>Owns: {@code boundary.ReportExports} (what the REST API and, later, the scheduled export job
 * call: a validated {@code entity.ExportRequest}, an {@code ExportFormat}, the caller's {@code Access},
 * an OutputStream); {@code control.ExportAccess} (the REST reports' tenant and queue rule);
 * {@code control.ReportColumns} (the columns of every table, keyed like the JSON API);
 * {@code control.ReportDocument}/{@code ExportTable}/{@code RowSource} (a report ready to write, its
 * rows pushed one by one); the writers {@code CsvExport}, {@code XlsxExport} (SpreadsheetML written straight into the zip),
 * {@code PdfExport} (OpenPDF, charts by JFreeChart) and {@code ParquetExport} (parquet-java without
 * Hadoop: own OutputFile and Snappy codec); {@code control.Headlines} (a report's key figures).
 *
 * <p>Decisions:
 * <ul>
 *   <li>Figures come from the report boundaries the pages and JSON use, never recomputed here.</li>
 *   <li>Lists (calls, CDRs, abandoned calls) are read forward-only or page by page and written row by
 *       row: memory does not grow with the row count.</li>
 *   <li>CSV and Parquet hold one table per file: the report's main table (first in the document);
 *       XLSX and PDF hold every table, PDF also the charts.</li>
 *   <li>No JSF or HTTP types, so a batch job can call it with a stored request and its owner's access.</li>
 * </ul>
 */
package io.queuelens.exports;
