package io.queuelens.recordings.control;

import io.queuelens.ops.control.DataDirectory;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The folder call recordings are served from: {@code QUEUELENS_RECORDINGS_DIR}, by default
 * {@code recordings} in the data folder (where the demo writes its recordings). For a PBX point it at
 * FreePBX's {@code /var/spool/asterisk/monitor} (mounted or synchronised; read access is enough).
 */
@ApplicationScoped
public class RecordingsRoot {

    @Inject
    @ConfigProperty(name = "queuelens.recordings.dir")
    Optional<String> configured;

    @Inject
    DataDirectory data;

    private RecordingPaths paths;

    @PostConstruct
    void init() {
        Path root = configured.map(String::strip).filter(s -> !s.isEmpty()).map(Path::of)
                .orElseGet(() -> data.resolve("recordings"));
        paths = new RecordingPaths(root);
    }

    public RecordingPaths paths() {
        return paths;
    }

    public Path root() {
        return paths.root();
    }
}
