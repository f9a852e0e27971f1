package io.queuelens.exports.entity;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The file formats a report exports to, with the content type and file extension each is served with. */
public enum ExportFormat {
    XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    CSV("text/csv; charset=UTF-8", "csv"),
    PDF("application/pdf", "pdf"),
    /** There is no registered media type for Parquet; this is the one data tools use. */
    PARQUET("application/vnd.apache.parquet", "parquet");

    private final String contentType;
    private final String extension;

    ExportFormat(String contentType, String extension) {
        this.contentType = contentType;
        this.extension = extension;
    }

    public String contentType() {
        return contentType;
    }

    public String extension() {
        return extension;
    }

    public String apiName() {
        return extension;
    }

    public static Optional<ExportFormat> ofApiName(String value) {
        String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(f -> f.extension.equals(v)).findFirst();
    }

    public static String names() {
        return Arrays.stream(values()).map(ExportFormat::apiName).collect(Collectors.joining(", "));
    }
}
