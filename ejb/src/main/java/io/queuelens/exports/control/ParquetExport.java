package io.queuelens.exports.control;

import io.queuelens.exports.entity.Column;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

import java.io.OutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Parquet through parquet-java (parquet-hadoop's writer core and parquet-column) without Hadoop on
 * the class path: the file goes through {@link StreamOutputFile}, the configuration is a
 * {@link PlainParquetConfiguration}, Snappy through {@link SnappyCodecs}. Columns are typed: text is
 * a UTF-8 string, whole numbers INT64, decimals, percentages and durations (seconds) DOUBLE,
 * times INT64 timestamps in milliseconds (UTC-adjusted), flags BOOLEAN; every column is optional
 * (null = no value). Field names are the columns' keys. Rows go out in row groups of
 * {@value #ROW_GROUP_BYTES} bytes, so memory stays bounded by one row group.
 */
public final class ParquetExport {

    static final int ROW_GROUP_BYTES = 32 * 1024 * 1024;

    private ParquetExport() {
    }

    public static MessageType schema(String name, List<Column> columns) {
        Types.MessageTypeBuilder b = Types.buildMessage();
        for (Column c : columns) {
            b.addField(field(c));
        }
        return b.named(name.replaceAll("[^A-Za-z0-9_]", "_"));
    }

    private static Type field(Column c) {
        return switch (c.type()) {
            case TEXT -> Types.optional(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named(c.key());
            case INTEGER -> Types.optional(PrimitiveTypeName.INT64).named(c.key());
            case DECIMAL, PERCENT, DURATION -> Types.optional(PrimitiveTypeName.DOUBLE).named(c.key());
            case TIMESTAMP -> Types.optional(PrimitiveTypeName.INT64)
                    .as(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MILLIS)).named(c.key());
            case BOOLEAN -> Types.optional(PrimitiveTypeName.BOOLEAN).named(c.key());
        };
    }

    /** Writes the table as one Parquet file to {@code out}; does not close it. Returns the rows written. */
    public static long write(ExportTable table, Map<String, String> metadata, OutputStream out) throws Exception {
        List<Column> columns = table.columns();
        MessageType schema = schema(table.name(), columns);
        SimpleGroupFactory groups = new SimpleGroupFactory(schema);
        long[] count = {0};
        try (ParquetWriter<Group> w = ExampleParquetWriter.builder(new StreamOutputFile(out))
                .withConf(new PlainParquetConfiguration())
                .withType(schema)
                .withCodecFactory(new SnappyCodecs())
                .withCompressionCodec(CompressionCodecName.SNAPPY)
                .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                .withRowGroupSize((long) ROW_GROUP_BYTES)
                .withExtraMetaData(metadata)
                .build()) {
            table.rows().each(values -> {
                Group g = groups.newGroup();
                for (int i = 0; i < columns.size(); i++) {
                    Object v = values[i];
                    if (v == null) {
                        continue;
                    }
                    String k = columns.get(i).key();
                    switch (columns.get(i).type()) {
                        case TEXT -> g.append(k, v.toString());
                        case INTEGER -> g.append(k, ((Number) v).longValue());
                        case DECIMAL, PERCENT, DURATION -> g.append(k, ((Number) v).doubleValue());
                        case TIMESTAMP -> g.append(k, ((Instant) v).toEpochMilli());
                        case BOOLEAN -> g.append(k, (Boolean) v);
                    }
                }
                w.write(g);
                count[0]++;
            });
        }
        out.flush();
        return count[0];
    }
}
