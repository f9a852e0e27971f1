package io.queuelens.ops.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The server's own folder for files that are not in the database: the first-login password file,
 * later the vault key file and exports. Set by {@code QUEUELENS_DATA_DIR} (default {@code ./data}).
 */
@ApplicationScoped
public class DataDirectory {

    @Inject
    @ConfigProperty(name = "queuelens.data.dir", defaultValue = "./data")
    String configured;

    private Path root;

    @PostConstruct
    void init() {
        root = Path.of(configured).toAbsolutePath().normalize();
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + root
                    + "; set QUEUELENS_DATA_DIR to a writable folder", e);
        }
    }

    public Path root() {
        return root;
    }

    public Path resolve(String name) {
        return root.resolve(name);
    }
}
