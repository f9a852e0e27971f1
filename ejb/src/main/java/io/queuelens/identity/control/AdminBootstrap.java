package io.queuelens.identity.control;

import io.queuelens.identity.boundary.PasswordChanged;
import io.queuelens.identity.boundary.Users;
import io.queuelens.identity.entity.Role;
import io.queuelens.ops.control.DataDirectory;
import io.queuelens.schema.control.SchemaMigrator;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Creates the first administrator on an empty database. Its password is random (or
 * {@code QUEUELENS_ADMIN_PASSWORD}), printed once to the console and the log, written to
 * {@code initial-admin-password} in the data directory for the launcher to show, and must be changed
 * at first login; the file is deleted when it is. So no default password exists anywhere.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrator")
public class AdminBootstrap {

    public static final String ADMIN_USERNAME = "admin";
    public static final String PASSWORD_FILE = "initial-admin-password";

    private static final Logger LOG = Logger.getLogger(AdminBootstrap.class.getName());

    @Inject
    SchemaMigrator schema;

    @Inject
    Users users;

    @Inject
    DataDirectory dataDirectory;

    @Inject
    @ConfigProperty(name = "queuelens.admin.password")
    Optional<String> presetPassword;

    @PostConstruct
    void createFirstAdmin() {
        if (!schema.state().done()) {
            return; // readiness reports the migration failure; nothing to bootstrap into
        }
        if (users.count() > 0) {
            return;
        }
        String password = presetPassword.filter(p -> !p.isBlank()).orElseGet(() -> RandomPasswords.generate(16));
        users.create(ADMIN_USERNAME, password, EnumSet.of(Role.ADMIN));
        writePasswordFile(password);
        String banner = """

                ================================================================
                 QueueLens first start: log in as '%s' with password
                     %s
                 You will be asked to choose a new password at first login.
                ================================================================""".formatted(ADMIN_USERNAME, password);
        LOG.info(banner); // Payara Micro's console is its log: one line there is both

    }

    private void writePasswordFile(String password) {
        Path file = dataDirectory.resolve(PASSWORD_FILE);
        try {
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, password + System.lineSeparator());
        } catch (IOException | UnsupportedOperationException e) {
            LOG.log(Level.WARNING, "Could not write {0}: {1}", new Object[]{file, e.getMessage()});
        }
    }

    /** The first admin chose their own password: the printed one is worthless now, so is its file. */
    public void forgetInitialPassword(@Observes PasswordChanged event) {
        if (!ADMIN_USERNAME.equals(event.username())) {
            return;
        }
        try {
            Files.deleteIfExists(dataDirectory.resolve(PASSWORD_FILE));
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Could not delete the initial password file: {0}", e.getMessage());
        }
    }
}
