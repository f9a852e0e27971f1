package io.queuelens.ops.boundary;

import io.queuelens.mail.boundary.SmtpSettings;
import io.queuelens.mail.entity.MailSettings;
import io.queuelens.mail.entity.SmtpSecurity;
import io.queuelens.ops.control.DataDirectory;
import io.queuelens.ops.control.KeyFilePermissions;
import io.queuelens.ops.control.SmtpProbe;
import io.queuelens.ops.entity.CheckResult;
import io.queuelens.ops.entity.CheckResult.Status;
import io.queuelens.schema.control.SchemaMigrator;
import io.queuelens.sources.asterisk.boundary.AsteriskSourceConfigs;
import io.queuelens.sources.asterisk.entity.AsteriskSourceForm;
import io.queuelens.sources.asterisk.entity.ConfiguredSourceView;
import io.queuelens.sources.asterisk.entity.ConnectionCheck;
import io.queuelens.sources.boundary.Source;
import io.queuelens.sources.boundary.SourceKind;
import io.queuelens.sources.boundary.Sources;
import io.queuelens.tenancy.boundary.Tenants;
import io.queuelens.tenancy.entity.Tenant;
import io.queuelens.vault.boundary.Vault;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The checks an operator would run by hand, on demand: database reachable and migrated to the
 * newest migration, every enabled source connects, SMTP answers, the data directory has room, the
 * key file is owner-only. Each result carries a fix hint (a bundle key). Sends no mail, changes nothing.
 */
@ApplicationScoped
public class SelfCheck {

    private static final int SMTP_TIMEOUT_MILLIS = 5000;

    @Resource(lookup = "jdbc/queuelens")
    DataSource dataSource;

    @Inject
    Sources sources;

    @Inject
    AsteriskSourceConfigs asteriskSources;

    @Inject
    SmtpSettings smtp;

    @Inject
    Tenants tenants;

    @Inject
    DataDirectory dataDirectory;

    @Inject
    Vault vault;

    /** Below this many free megabytes in the data directory the disk check fails. */
    @Inject
    @ConfigProperty(name = "queuelens.ops.min-free-disk-mb", defaultValue = "1024")
    long minFreeDiskMb;

    public List<CheckResult> run() {
        List<CheckResult> results = new ArrayList<>();
        results.addAll(database());
        results.addAll(sources());
        results.addAll(smtp());
        results.add(disk());
        results.add(keyFile());
        return results;
    }

    List<CheckResult> database() {
        List<CheckResult> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            if (!c.isValid(5)) {
                return List.of(new CheckResult("database", null, Status.FAIL, "connection not valid", "ops.fix.database"));
            }
            out.add(CheckResult.ok("database", null, c.getMetaData().getDatabaseProductName() + " "
                    + c.getMetaData().getDatabaseProductVersion()));
        } catch (Exception e) {
            return List.of(new CheckResult("database", null, Status.FAIL, String.valueOf(e.getMessage()), "ops.fix.database"));
        }
        try {
            MigrationInfoService info = SchemaMigrator.flyway(dataSource).info();
            MigrationInfo current = info.current();
            MigrationInfo[] all = info.all();
            String latest = null;
            for (MigrationInfo m : all) {
                if (m.getVersion() != null) {
                    latest = m.getVersion().getVersion(); // ordered by version: the last one wins
                }
            }
            String at = current == null ? null : current.getVersion().getVersion();
            int pending = info.pending().length;
            boolean migrated = pending == 0 && at != null && at.equals(latest);
            out.add(new CheckResult("schema", null, migrated ? Status.OK : Status.FAIL,
                    "at version " + at + ", latest migration " + latest + ", " + pending + " pending",
                    migrated ? null : "ops.fix.schema"));
        } catch (RuntimeException e) {
            out.add(new CheckResult("schema", null, Status.FAIL, String.valueOf(e.getMessage()), "ops.fix.schema"));
        }
        return out;
    }

    /** Asterisk sources are tried afresh (as the sources page's test button does); others by their state. */
    List<CheckResult> sources() {
        List<CheckResult> out = new ArrayList<>();
        try {
            for (ConfiguredSourceView v : asteriskSources.all()) {
                String subject = v.config().tenantId() + "/" + v.config().name();
                if (!v.config().enabled()) {
                    out.add(new CheckResult("source", subject, Status.SKIPPED, "switched off", null));
                    continue;
                }
                List<ConnectionCheck> checks = asteriskSources.testConnection(v.config().tenantId(), v.config().id(),
                        AsteriskSourceForm.of(v.config()));
                boolean ok = checks.stream().allMatch(ConnectionCheck::ok);
                String detail = checks.stream().map(ch -> ch.part() + ": " + (ch.ok() ? "ok" : ch.message()))
                        .collect(Collectors.joining("; "));
                out.add(new CheckResult("source", subject, ok ? Status.OK : Status.FAIL, detail, ok ? null : "ops.fix.source"));
            }
        } catch (Exception e) {
            out.add(new CheckResult("source", null, Status.FAIL, "source settings unreadable: " + e.getMessage(), "ops.fix.database"));
        }
        for (Source s : sources.all()) {
            if (s.kind() == SourceKind.ASTERISK) {
                continue; // tried above from its stored settings
            }
            var st = s.status();
            boolean ok = st.ready() || st.state() == io.queuelens.sources.boundary.SourceStatus.State.STOPPED;
            out.add(new CheckResult("source", s.tenantId() + "/" + s.name(), ok ? Status.OK : Status.FAIL,
                    st.state() + ": " + st.detail(), ok ? null : "ops.fix.source"));
        }
        if (out.isEmpty()) {
            out.add(new CheckResult("source", null, Status.SKIPPED, "no source configured", null));
        }
        return out;
    }

    /** The server-wide SMTP server and every tenant's own one. */
    List<CheckResult> smtp() {
        List<CheckResult> out = new ArrayList<>();
        try {
            List<MailSettings> servers = new ArrayList<>();
            smtp.find(MailSettings.SERVER_WIDE).ifPresent(servers::add);
            for (Tenant t : tenants.findAll()) {
                smtp.find(t.getId()).ifPresent(servers::add);
            }
            for (MailSettings m : servers) {
                String subject = m.scope() + " " + m.host() + ":" + m.port();
                try {
                    String ehlo = SmtpProbe.ehlo(m.host(), m.port(), m.security() == SmtpSecurity.SSL, SMTP_TIMEOUT_MILLIS);
                    out.add(CheckResult.ok("smtp", subject, ehlo));
                } catch (IOException e) {
                    out.add(new CheckResult("smtp", subject, Status.FAIL, e.getClass().getSimpleName() + ": " + e.getMessage(),
                            "ops.fix.smtp"));
                }
            }
        } catch (Exception e) {
            out.add(new CheckResult("smtp", null, Status.FAIL, "mail settings unreadable: " + e.getMessage(), "ops.fix.database"));
        }
        if (out.isEmpty()) {
            out.add(new CheckResult("smtp", null, Status.SKIPPED, "no SMTP server configured", "ops.fix.smtpNone"));
        }
        return out;
    }

    CheckResult disk() {
        Path root = dataDirectory.root();
        try {
            long freeMb = Files.getFileStore(root).getUsableSpace() >> 20;
            boolean ok = freeMb >= minFreeDiskMb;
            return new CheckResult("disk", root.toString(), ok ? Status.OK : Status.FAIL,
                    freeMb + " MB free (at least " + minFreeDiskMb + " MB wanted)", ok ? null : "ops.fix.disk");
        } catch (IOException e) {
            return new CheckResult("disk", root.toString(), Status.FAIL, String.valueOf(e.getMessage()), "ops.fix.disk");
        }
    }

    CheckResult keyFile() {
        Path file = vault.keyFile();
        if (!Files.exists(file)) {
            return new CheckResult("keyfile", file.toString(), Status.SKIPPED, "no key file yet (made with the first secret)", null);
        }
        try {
            Set<PosixFilePermission> extra = KeyFilePermissions.beyondOwner(file);
            String owner = Files.getOwner(file).getName();
            String me = System.getProperty("user.name");
            if (!extra.isEmpty()) {
                return new CheckResult("keyfile", file.toString(), Status.FAIL, "also readable or writable by others: " + extra,
                        "ops.fix.keyfile");
            }
            if (!Optional.ofNullable(me).map(owner::equals).orElse(true)) {
                return new CheckResult("keyfile", file.toString(), Status.WARN,
                        "owned by " + owner + ", the server runs as " + me, "ops.fix.keyfileOwner");
            }
            return CheckResult.ok("keyfile", file.toString(), "owner-only (" + owner + ")");
        } catch (UnsupportedOperationException e) {
            return new CheckResult("keyfile", file.toString(), Status.SKIPPED, "file system without POSIX permissions", null);
        } catch (IOException e) {
            return new CheckResult("keyfile", file.toString(), Status.FAIL, String.valueOf(e.getMessage()), "ops.fix.keyfile");
        }
    }
}
