package io.queuelens.exports.control;

import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.poi.xssf.streaming.GZIPSheetDataWriter;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.streaming.SheetDataWriter;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * SXSSF with fast compression. A streamed sheet is compressed twice: into its gzip temporary file row
 * by row, then into the .xlsx zip at the end; at the default level 6 those two passes were most of a
 * million-row export's CPU time. Level 1 (BEST_SPEED) on such repetitive XML costs a fraction and the
 * file grows by a few tens of percent; the temporary file stays compressed (uncompressed it would be
 * about 1 GB per million rows on the server's disk). Inline strings, no shared string table.
 */
final class FastSxssfWorkbook extends SXSSFWorkbook {

    FastSxssfWorkbook(int window) {
        super(null, window, false, false);
    }

    @Override
    protected SheetDataWriter createSheetDataWriter() throws IOException {
        return new GZIPSheetDataWriter() {
            @Override
            protected OutputStream decorateOutputStream(FileOutputStream fos) throws IOException {
                return new GZIPOutputStream(fos, 64 * 1024) {
                    {
                        def.setLevel(Deflater.BEST_SPEED);
                    }
                };
            }
        };
    }

    @Override
    protected ZipArchiveOutputStream createArchiveOutputStream(OutputStream out) {
        ZipArchiveOutputStream zos = super.createArchiveOutputStream(out);
        zos.setLevel(Deflater.BEST_SPEED);
        return zos;
    }
}
