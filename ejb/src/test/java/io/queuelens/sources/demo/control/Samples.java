package io.queuelens.sources.demo.control;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the shared sample captures: walks up from the working directory to a folder holding shared/samples. */
final class Samples {

    private Samples() {
    }

    static Path dir() {
        Path start = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path p = start; p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared").resolve("samples");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("shared/samples not found in " + start + " or any parent: the tests need "
                + "the shared sample captures beside the repository (e.g. /work/shared next to /work/main)");
    }

    static Path ami(String file) {
        Path p = dir().resolve("asterisk").resolve("ami").resolve(file);
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException("sample capture missing: " + p);
        }
        return p;
    }
}
