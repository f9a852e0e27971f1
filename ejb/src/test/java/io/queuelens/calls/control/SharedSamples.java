package io.queuelens.calls.control;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds shared/samples by walking up from the working directory; fails when it is not there. */
final class SharedSamples {

    private SharedSamples() {
    }

    static Path file(String... parts) {
        Path start = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path p = start; p != null; p = p.getParent()) {
            Path dir = p.resolve("shared").resolve("samples");
            if (Files.isDirectory(dir)) {
                Path f = dir;
                for (String part : parts) {
                    f = f.resolve(part);
                }
                if (!Files.isRegularFile(f)) {
                    throw new IllegalStateException("sample missing: " + f);
                }
                return f;
            }
        }
        throw new IllegalStateException("shared/samples not found in " + start + " or any parent");
    }
}
