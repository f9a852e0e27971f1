package io.queuelens.sources.demo.control;

import io.queuelens.sources.demo.entity.AmiMessage;

import java.nio.charset.StandardCharsets;

/** Encodes AMI frames as {@code Key: Value\r\n} lines closed by {@code \r\n}. */
public final class AmiFrameWriter {

    private AmiFrameWriter() {
    }

    public static String encode(AmiMessage message) {
        StringBuilder sb = new StringBuilder(message.size() * 32 + 2);
        for (int i = 0; i < message.size(); i++) {
            sb.append(message.keyAt(i)).append(": ").append(clean(message.valueAt(i))).append("\r\n");
        }
        return sb.append("\r\n").toString();
    }

    public static byte[] encodeBytes(AmiMessage message) {
        return encode(message).getBytes(StandardCharsets.UTF_8);
    }

    /** A line break inside a value would end the header (or the frame) early: flatten it. */
    private static String clean(String value) {
        if (value.indexOf('\r') < 0 && value.indexOf('\n') < 0) {
            return value;
        }
        return value.replace('\r', ' ').replace('\n', ' ');
    }
}
