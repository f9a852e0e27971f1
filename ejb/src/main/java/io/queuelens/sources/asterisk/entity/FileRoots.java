package io.queuelens.sources.asterisk.entity;

import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The folders a queue_log FILE source may read from ({@code queuelens.sources.file-roots}). A FILE
 * source reads whatever its path names with the server's rights, and quarantines lines it cannot parse
 * with their text, which an administrator then reads on the quarantine page: without a bound, a
 * tenant's administrator could read any file of the server (/etc/shadow when it runs as root). The
 * default is where Asterisk writes its logs.
 *
 * @param roots absolute, normalized folders
 */
public record FileRoots(List<Path> roots) {

    public static final String DEFAULT = "/var/log/asterisk";

    public FileRoots {
        roots = List.copyOf(roots);
        for (Path r : roots) {
            if (!r.isAbsolute() || !r.normalize().equals(r)) {
                throw new IllegalArgumentException("a FILE source root must be an absolute folder without '..': " + r);
            }
        }
    }

    /** Comma-separated absolute folders, e.g. {@code /var/log/asterisk,/srv/pbx-logs}. */
    public static FileRoots parse(String commaSeparated) {
        List<Path> roots = new ArrayList<>();
        for (String part : commaSeparated == null ? new String[0] : commaSeparated.split(",")) {
            if (!part.isBlank()) {
                try {
                    roots.add(Path.of(part.strip()).normalize());
                } catch (InvalidPathException e) {
                    throw new IllegalArgumentException("not a folder: '" + part.strip() + "'", e);
                }
            }
        }
        return new FileRoots(roots);
    }

    /** Whether the (absolute) path lies inside a root, by its name: what a form can check before the file exists. */
    public boolean allows(Path path) {
        Path p = path.normalize();
        return roots.stream().anyMatch(p::startsWith);
    }

    /**
     * Whether the file, with every symbolic link resolved, lies inside a root (also resolved): a link in
     * an allowed folder that points elsewhere is refused. What a reader checks before it opens the file.
     */
    public boolean allowsReal(Path path) throws IOException {
        Path real = path.toRealPath();
        for (Path root : roots) {
            try {
                if (real.startsWith(root.toRealPath())) {
                    return true;
                }
            } catch (IOException missingRoot) {
                // a root that does not exist holds no file
            }
        }
        return false;
    }

    /** The roots for a message, e.g. {@code /var/log/asterisk, /srv/pbx-logs}. */
    public String describe() {
        return roots.isEmpty() ? "(none)" : roots.stream().map(Path::toString).collect(Collectors.joining(", "));
    }
}
