package io.queuelens.sources.asterisk.control;

import io.queuelens.sources.asterisk.entity.FileRoots;
import io.queuelens.sources.asterisk.entity.AsteriskSourceConfig;
import io.queuelens.sources.asterisk.entity.AsteriskSourceForm;
import io.queuelens.sources.asterisk.entity.QueueLogMode;
import io.queuelens.sources.asterisk.entity.SourceProblem;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Checks a source form: its Bean Validation constraints, then what the chosen mode needs (a TABLE
 * source a database URL and table, a FILE source an absolute file path; AMI all or nothing). Each
 * problem names its field, so the page marks that field and the API names the property.
 */
public final class AsteriskSourceRules {

    /** Source ids the server uses itself: facts of a configured PBX must not mix with theirs. */
    static final Set<String> RESERVED_NAMES = Set.of("demo", "demo-ami", "import", "sample");

    private AsteriskSourceRules() {
    }

    /**
     * @param stored the source being edited, or null when creating (then secrets the mode needs are required)
     */
    /** @param roots the folders FILE sources may read from ({@code queuelens.sources.file-roots}) */
    public static List<SourceProblem> check(AsteriskSourceForm f, AsteriskSourceConfig stored, Validator validator,
                                            FileRoots roots) {
        List<SourceProblem> problems = new ArrayList<>();
        validator.validate(f).stream()
                .sorted(Comparator.comparing((ConstraintViolation<AsteriskSourceForm> v) -> v.getPropertyPath().toString())
                        .thenComparing(ConstraintViolation::getMessage))
                .forEach(v -> problems.add(problemOf(v)));
        if (stored != null && f.getName() != null && !f.getName().equals(stored.name())) {
            problems.add(SourceProblem.of("name", "nameFixed", "the name cannot change: the PBX's data is stored under '"
                    + stored.name() + "'; add a new source instead", stored.name()));
        } else if (stored == null && f.getName() != null && RESERVED_NAMES.contains(f.getName())) {
            problems.add(SourceProblem.of("name", "nameReserved", "'" + f.getName() + "' is used by QueueLens itself; choose another name",
                    f.getName()));
        }
        if (f.getMode() == QueueLogMode.TABLE) {
            require(problems, f.getDbUrl(), "dbUrl", "enter the PBX database URL, e.g. jdbc:mysql://pbx:3306/asteriskcdrdb");
            require(problems, f.getDbUser(), "dbUser", "enter the database user QueueLens reads with");
            require(problems, f.getQueueLogTable(), "queueLogTable", "enter the queue_log table (usually queue_log)");
        } else if (f.getMode() == QueueLogMode.FILE) {
            if (blank(f.getQueueLogFile())) {
                problems.add(SourceProblem.of("queueLogFile", "required.queueLogFile",
                        "enter the queue_log file's path, e.g. /var/log/asterisk/queue_log"));
            } else {
                fileProblem(f.getQueueLogFile(), roots).ifPresent(problems::add);
            }
        }
        if (!blank(f.getCdrTable()) && (f.getMode() != QueueLogMode.TABLE || blank(f.getDbUrl()))) {
            problems.add(SourceProblem.of("cdrTable", "cdrNeedsDb", "the CDR table is read from the PBX database: set the database URL too"));
        }
        // the port alone does not count: it has a default, and a form keeps it when the rest is cleared
        boolean anyAmi = !blank(f.getAmiHost()) || !blank(f.getAmiUser()) || !blank(f.getAmiSecret());
        if (anyAmi) {
            require(problems, f.getAmiHost(), "amiHost", "enter the PBX's AMI host, or clear every AMI field");
            require(problems, f.getAmiUser(), "amiUser", "enter the AMI user (manager.conf), or clear every AMI field");
            boolean secretStored = stored != null && stored.amiSecret() != null;
            if (blank(f.getAmiSecret()) && !secretStored) {
                problems.add(SourceProblem.of("amiSecret", "required.amiSecret", "enter the AMI user's secret"));
            }
        }
        if (!blank(f.getTimeZone())) {
            try {
                ZoneId.of(f.getTimeZone().strip());
            } catch (DateTimeException e) {
                problems.add(SourceProblem.of("timeZone", "format.timeZone", "not a time zone: '" + f.getTimeZone()
                        + "' (e.g. Europe/Istanbul)", f.getTimeZone()));
            }
        }
        return problems;
    }

    /**
     * Why a configured queue_log path cannot be used, or empty. Relative paths, '..' and paths outside
     * the allowed folders are refused.
     */
    static java.util.Optional<SourceProblem> fileProblem(String raw, FileRoots roots) {
        try {
            Path p = Path.of(raw.strip());
            if (!p.isAbsolute()) {
                return java.util.Optional.of(SourceProblem.of("queueLogFile", "fileAbsolute",
                        "an absolute path is needed, e.g. /var/log/asterisk/queue_log"));
            }
            for (Path part : p) {
                if (part.toString().equals("..")) {
                    return java.util.Optional.of(SourceProblem.of("queueLogFile", "fileDotDot", "the path must not contain '..'"));
                }
            }
            if (!roots.allows(p)) {
                return java.util.Optional.of(SourceProblem.of("queueLogFile", "fileOutsideRoots",
                        "the file must be in a folder QueueLens may read (queuelens.sources.file-roots): " + roots.describe(),
                        roots.describe()));
            }
            return java.util.Optional.empty();
        } catch (InvalidPathException e) {
            return java.util.Optional.of(SourceProblem.of("queueLogFile", "fileInvalid", "not a valid path: " + e.getReason(),
                    e.getReason()));
        }
    }

    /**
     * A Bean Validation violation as a problem with a key: {@code required.<field>} for NotBlank/NotNull,
     * {@code maxLength} (argument: the limit) for Size, {@code range.<field>} for Min/Max, otherwise
     * {@code format.<field>}; the English text is the annotation's message.
     */
    private static SourceProblem problemOf(ConstraintViolation<AsteriskSourceForm> v) {
        String field = v.getPropertyPath().toString();
        String constraint = v.getConstraintDescriptor().getAnnotation().annotationType().getSimpleName();
        return switch (constraint) {
            case "NotBlank", "NotNull" -> SourceProblem.of(field, "required." + field, v.getMessage());
            case "Size" -> SourceProblem.of(field, "maxLength", v.getMessage(),
                    String.valueOf(v.getConstraintDescriptor().getAttributes().get("max")));
            case "Min", "Max" -> SourceProblem.of(field, "range." + field, v.getMessage());
            default -> SourceProblem.of(field, "format." + field, v.getMessage());
        };
    }

    private static void require(List<SourceProblem> problems, String value, String field, String message) {
        if (blank(value) && problems.stream().noneMatch(p -> field.equals(p.field()))) {
            problems.add(SourceProblem.of(field, "required." + field, message));
        }
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
