package io.queuelens.ops.control;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.ConsoleHandler;
import java.util.logging.FileHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Installs the log format and file chosen by the settings at startup:
 * {@code queuelens.log.format=text|json} (json: one JSON line per record, see {@link JsonLogFormatter}),
 * {@code queuelens.log.file} (a file of its own, rotated at {@code queuelens.log.max-size-mb} with
 * {@code queuelens.log.max-files} kept, through {@link FileHandler}'s limit and count), on the root
 * logger so the server's records are in it too. With json and no file, the console is written as JSON.
 * Removed again when the application stops (a redeploy must not add a second handler).
 */
@Singleton
@Startup
public class LogSetup {

    private static final Logger LOG = Logger.getLogger(LogSetup.class.getName());

    @Inject
    @ConfigProperty(name = "queuelens.log.format", defaultValue = "text")
    String format;

    @Inject
    @ConfigProperty(name = "queuelens.log.file")
    Optional<String> file;

    @Inject
    @ConfigProperty(name = "queuelens.log.max-size-mb", defaultValue = "50")
    int maxSizeMb;

    @Inject
    @ConfigProperty(name = "queuelens.log.max-files", defaultValue = "10")
    int maxFiles;

    private Handler installed;
    private final List<Handler> reformatted = new ArrayList<>();
    private final List<Formatter> previous = new ArrayList<>();

    @PostConstruct
    void install() {
        Formatter formatter = formatter(format);
        Logger root = Logger.getLogger("");
        Optional<String> path = file.map(String::strip).filter(s -> !s.isEmpty());
        if (path.isPresent()) {
            if (maxSizeMb < 1 || maxFiles < 1) {
                throw new IllegalArgumentException("QUEUELENS_LOG_MAX_SIZE_MB and QUEUELENS_LOG_MAX_FILES must be at least 1, were "
                        + maxSizeMb + " and " + maxFiles);
            }
            try {
                Path p = Path.of(path.get()).toAbsolutePath();
                if (p.getParent() != null) {
                    Files.createDirectories(p.getParent());
                }
                FileHandler handler = new FileHandler(p.toString(), (int) Math.min(Integer.MAX_VALUE, maxSizeMb * 1024L * 1024L),
                        maxFiles, true);
                handler.setFormatter(formatter);
                handler.setEncoding("UTF-8");
                root.addHandler(handler);
                installed = handler;
                LOG.info(() -> "Logging to " + p + " as " + format + " (rotated at " + maxSizeMb + " MB, " + maxFiles + " files kept)");
            } catch (IOException e) {
                throw new IllegalStateException("cannot open the log file " + path.get() + " (QUEUELENS_LOG_FILE): " + e.getMessage(), e);
            }
        } else if (formatter instanceof JsonLogFormatter) {
            for (Handler h : root.getHandlers()) {
                if (h instanceof ConsoleHandler) {
                    previous.add(h.getFormatter());
                    reformatted.add(h);
                    h.setFormatter(formatter);
                }
            }
        }
    }

    /** @throws IllegalArgumentException for a format that is neither text nor json */
    static Formatter formatter(String format) {
        return switch (format == null ? "" : format.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "json" -> new JsonLogFormatter();
            case "text" -> new SimpleFormatter();
            default -> throw new IllegalArgumentException("QUEUELENS_LOG_FORMAT must be text or json, was '" + format + "'");
        };
    }

    @PreDestroy
    void uninstall() {
        if (installed != null) {
            Logger.getLogger("").removeHandler(installed);
            installed.close();
        }
        for (int i = 0; i < reformatted.size(); i++) {
            reformatted.get(i).setFormatter(previous.get(i));
        }
    }
}
