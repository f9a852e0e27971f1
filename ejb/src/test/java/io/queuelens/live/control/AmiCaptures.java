package io.queuelens.live.control;

import io.queuelens.testsupport.SampleCaptures;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.spi.JsonProvider;
import org.asteriskjava.manager.event.ManagerEvent;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The real AMI captures in ../shared/samples/asterisk/ami turned into asterisk-java events by the
 * same builder its reader uses on a live connection (keys lower-cased, as its reader passes them).
 * Each event keeps its line number, so a test can stop at a point of the capture.
 */
final class AmiCaptures {

    record Frame(int line, Map<String, String> fields) {
        String event() {
            return fields.get("Event");
        }
    }

    private static final JsonProvider JSON = new org.glassfish.json.JsonProviderImpl();

    private AmiCaptures() {
    }

    /** One JSON object per line; comment lines ("#### SCENARIO") and responses skipped. */
    static List<Frame> jsonLines(String file) throws IOException {
        List<Frame> frames = new ArrayList<>();
        List<String> lines = Files.readAllLines(SampleCaptures.ami(file), StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            try (JsonReader r = JSON.createReader(new StringReader(line))) {
                JsonObject o = r.readObject();
                if (!o.containsKey("Event")) {
                    continue;
                }
                Map<String, String> f = new LinkedHashMap<>();
                o.forEach((k, v) -> f.put(k, ((JsonString) v).getString()));
                frames.add(new Frame(i + 1, f));
            }
        }
        return frames;
    }

    /**
     * Plain AMI text: {@code Key: Value} lines, frames closed by an empty line. Lines that are not AMI
     * (the CLI's "<-- Examining AMI event: -->" and verbose output) end nothing and are skipped.
     */
    static List<Frame> text(String file) throws IOException {
        List<Frame> frames = new ArrayList<>();
        List<String> lines = Files.readAllLines(SampleCaptures.ami(file), StandardCharsets.UTF_8);
        Map<String, String> current = new LinkedHashMap<>();
        int start = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int colon = line.indexOf(": ");
            if (line.isBlank()) {
                if (current.containsKey("Event")) {
                    frames.add(new Frame(start, current));
                }
                current = new LinkedHashMap<>();
            } else if (colon > 0 && !line.startsWith(" ") && !line.startsWith("<--")) {
                if (current.isEmpty()) {
                    start = i + 1;
                }
                current.put(line.substring(0, colon), line.substring(colon + 2));
            } else if (line.endsWith(":") && !line.startsWith(" ") && !line.startsWith("<--")) {
                current.put(line.substring(0, line.length() - 1), ""); // "AccountCode: " trimmed by an editor
            }
        }
        if (current.containsKey("Event")) {
            frames.add(new Frame(start, current));
        }
        return frames;
    }

    /** asterisk-java's event for a frame, or null when it has no class for it (it drops those too). */
    static ManagerEvent event(Frame frame) {
        Map<String, Object> attributes = new HashMap<>();
        frame.fields().forEach((k, v) -> attributes.put(k.toLowerCase(Locale.ROOT), v));
        try {
            return (ManagerEvent) BUILD.invoke(BUILDER, AmiCaptures.class, attributes);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    // asterisk-java's builder is package-private: the reader's own instance is what a live connection uses
    private static final Object BUILDER;
    private static final java.lang.reflect.Method BUILD;

    static {
        try {
            Class<?> c = Class.forName("org.asteriskjava.manager.internal.EventBuilderImpl");
            java.lang.reflect.Constructor<?> k = c.getDeclaredConstructor();
            k.setAccessible(true);
            BUILDER = k.newInstance();
            BUILD = c.getMethod("buildEvent", Object.class, Map.class);
            BUILD.setAccessible(true);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
