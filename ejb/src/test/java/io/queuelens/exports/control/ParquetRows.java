package io.queuelens.exports.control;

import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.MessageType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads a Parquet file back into groups (tests only), through parquet-java without Hadoop. */
final class ParquetRows {

    record Read(MessageType schema, java.util.Map<String, String> metadata, List<Group> rows) {
    }

    static Read read(byte[] file) throws Exception {
        Path tmp = Files.createTempFile("export", ".parquet");
        try {
            Files.write(tmp, file);
            ParquetReadOptions options = ParquetReadOptions.builder(new PlainParquetConfiguration())
                    .withCodecFactory(new SnappyCodecs()).build();
            try (ParquetFileReader r = ParquetFileReader.open(new LocalInputFile(tmp), options)) {
                MessageType schema = r.getFooter().getFileMetaData().getSchema();
                MessageColumnIO io = new ColumnIOFactory().getColumnIO(schema);
                List<Group> rows = new ArrayList<>();
                PageReadStore pages;
                while ((pages = r.readNextRowGroup()) != null) {
                    RecordReader<Group> rr = io.getRecordReader(pages, new GroupRecordConverter(schema));
                    for (long i = 0; i < pages.getRowCount(); i++) {
                        rows.add(rr.read());
                    }
                }
                return new Read(schema, r.getFooter().getFileMetaData().getKeyValueMetaData(), rows);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
