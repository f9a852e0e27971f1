package io.queuelens.exports.control;

import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.xerial.snappy.Snappy;

import java.io.IOException;

/**
 * Snappy page compression straight through snappy-java. parquet-hadoop's own codec factory loads its
 * codecs as Hadoop {@code CompressionCodec}s, which would need Hadoop on the class path; Parquet's
 * SNAPPY pages are plain Snappy blocks, so this is all it takes. Tests read
 * their exports back through it too.
 */
public final class SnappyCodecs implements CompressionCodecFactory {

    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codecName) {
        if (codecName != CompressionCodecName.SNAPPY && codecName != CompressionCodecName.UNCOMPRESSED) {
            throw new IllegalArgumentException("exports write SNAPPY or UNCOMPRESSED Parquet, not " + codecName);
        }
        return new BytesInputCompressor() {
            @Override
            public BytesInput compress(BytesInput bytes) throws IOException {
                return codecName == CompressionCodecName.SNAPPY ? BytesInput.from(Snappy.compress(bytes.toByteArray())) : bytes;
            }

            @Override
            public CompressionCodecName getCodecName() {
                return codecName;
            }

            @Override
            public void release() {
            }
        };
    }

    @Override
    public BytesInputDecompressor getDecompressor(CompressionCodecName codecName) {
        return new BytesInputDecompressor() {
            @Override
            public BytesInput decompress(BytesInput bytes, int uncompressedSize) throws IOException {
                return codecName == CompressionCodecName.SNAPPY ? BytesInput.from(Snappy.uncompress(bytes.toByteArray())) : bytes;
            }

            @Override
            public void decompress(java.nio.ByteBuffer input, int compressedSize, java.nio.ByteBuffer output,
                                   int uncompressedSize) throws IOException {
                byte[] in = new byte[compressedSize];
                input.get(in);
                output.put(codecName == CompressionCodecName.SNAPPY ? Snappy.uncompress(in) : in);
            }

            @Override
            public void release() {
            }
        };
    }

    @Override
    public void release() {
    }
}
