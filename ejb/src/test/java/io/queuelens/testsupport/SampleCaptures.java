package io.queuelens.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real captures the parser, AMI and import tests read (shared/samples: Asterisk queue_log, AMI
 * transcripts, a FreePBX CDR dump). They are not in this repository on purpose: some come from projects
 * that state no license, and the samples' own README asks for them to be used in place. So they are
 * found beside the checkout (a {@code shared/samples} folder in the working directory or any parent, as
 * in /work/shared next to /work/main), or wherever {@code QUEUELENS_SAMPLES} points. {@code .ci/run}
 * checks the same two places before the build, so a machine without them fails at once with that
 * message instead of 25 tests failing one by one.
 */
public final class SampleCaptures {

    private SampleCaptures() {
    }

    /** The sample at {@code parts} under the samples folder; fails, naming what is missing, if it is not there. */
    public static Path file(String... parts) {
        Path f = dir();
        for (String part : parts) {
            f = f.resolve(part);
        }
        if (!Files.isRegularFile(f)) {
            throw new IllegalStateException("sample capture missing: " + f);
        }
        return f;
    }

    public static Path ami(String file) {
        return file("asterisk", "ami", file);
    }

    static Path dir() {
        String configured = System.getenv("QUEUELENS_SAMPLES");
        if (configured != null && !configured.isBlank()) {
            Path dir = Path.of(configured).toAbsolutePath();
            if (!Files.isDirectory(dir)) {
                throw new IllegalStateException("QUEUELENS_SAMPLES=" + configured + " is not a directory");
            }
            return dir;
        }
        Path start = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path p = start; p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared").resolve("samples");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("shared/samples not found in " + start + " or any parent, and QUEUELENS_SAMPLES "
                + "is not set: the tests need the sample captures beside the checkout (e.g. /work/shared next to /work/main)");
    }
}
