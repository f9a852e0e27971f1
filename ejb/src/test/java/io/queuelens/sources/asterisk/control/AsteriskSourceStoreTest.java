package io.queuelens.sources.asterisk.control;

import io.queuelens.sources.asterisk.entity.AsteriskSourceConfig;
import io.queuelens.sources.asterisk.entity.AsteriskSourceForm;
import io.queuelens.sources.asterisk.entity.InvalidSourceConfig;
import io.queuelens.sources.asterisk.entity.QueueLogMode;
import io.queuelens.sources.asterisk.entity.SourceProblem;
import io.queuelens.testsupport.TestDatabases;
import io.queuelens.vault.control.KeyFile;
import io.queuelens.vault.control.SecretCipher;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Configured Asterisk sources: validation with the field named, write-only secrets, nothing plain in the database. */
class AsteriskSourceStoreTest {

    private static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();
    static final io.queuelens.sources.asterisk.entity.FileRoots ROOTS = io.queuelens.sources.asterisk.entity.FileRoots.parse("/var/log/asterisk");
    private static final String DB_PASSWORD = "pbx-DB-pa55word";
    private static final String AMI_SECRET = "ami-s3cret-value";

    @TempDir
    Path dir;

    static AsteriskSourceForm tableForm() {
        AsteriskSourceForm f = new AsteriskSourceForm();
        f.setName("pbx1");
        f.setDisplayName("Head office PBX");
        f.setMode(QueueLogMode.TABLE);
        f.setDbUrl("jdbc:mysql://pbx.example:3306/asteriskcdrdb");
        f.setDbUser("queuelens");
        f.setDbPassword(DB_PASSWORD);
        f.setCdrTable("cdr");
        f.setAmiHost("pbx.example");
        f.setAmiUser("queuelens");
        f.setAmiSecret(AMI_SECRET);
        f.setTimeZone("Europe/Istanbul");
        return f;
    }

    private static void tenant(TestDatabases.Db db, String id) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("insert into tenant (id, name, time_zone, locale, currency, created_at) values ('" + id
                    + "', 'T', 'Europe/Berlin', 'en', 'EUR', '2026-01-01 00:00:00')");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void savedSecretsAreEncryptedAndNoPlaintextReachesTheDatabase(String kind) throws Exception {
        SecretCipher cipher = KeyFile.openOrCreate(dir.resolve("vault.key"));
        try (TestDatabases.Db db = TestDatabases.open(kind)) {
            tenant(db, "t1");
            AsteriskSourceStore store = new AsteriskSourceStore(db.dataSource(), cipher, VALIDATOR, ROOTS);
            AsteriskSourceConfig saved = store.create("t1", tableForm());

            assertThat(saved.name()).isEqualTo("pbx1");
            assertThat(saved.amiPort()).isEqualTo(5038);
            assertThat(saved.timeZone()).isEqualTo(ZoneId.of("Europe/Istanbul"));
            assertThat(saved.dbPassword()).startsWith("v1:k1:");
            assertThat(cipher.decrypt(saved.dbPassword())).isEqualTo(DB_PASSWORD);
            assertThat(cipher.decrypt(saved.amiSecret())).isEqualTo(AMI_SECRET);
            assertThat(saved.toString()).doesNotContain("v1:");
            assertThat(everyTextInTheDatabase(db)).contains("pbx.example").doesNotContain(DB_PASSWORD).doesNotContain(AMI_SECRET)
                    .doesNotContain("pa55word").doesNotContain("s3cret");

            // an edit with empty secrets keeps the stored ones (write-only fields)
            AsteriskSourceForm edit = AsteriskSourceForm.of(saved);
            assertThat(edit.getDbPassword()).isNull();
            assertThat(edit.getAmiSecret()).isNull();
            edit.setDisplayName("Head office");
            AsteriskSourceConfig edited = store.update("t1", saved.id(), edit);
            assertThat(edited.displayName()).isEqualTo("Head office");
            assertThat(edited.dbPassword()).isEqualTo(saved.dbPassword());
            assertThat(edited.amiSecret()).isEqualTo(saved.amiSecret());

            // a new secret replaces it; clearing the AMI host drops all AMI settings
            edit.setDbPassword("another one");
            edit.setAmiHost(null);
            edit.setAmiUser(null);
            AsteriskSourceConfig changed = store.update("t1", saved.id(), edit);
            assertThat(cipher.decrypt(changed.dbPassword())).isEqualTo("another one");
            assertThat(changed.hasAmi()).isFalse();
            assertThat(changed.amiSecret()).isNull();
            assertThat(everyTextInTheDatabase(db)).doesNotContain("another one");

            assertThat(store.setEnabled("t1", saved.id(), false)).isTrue();
            assertThat(store.find("t1", saved.id()).orElseThrow().enabled()).isFalse();
            // tenant-scoped: another tenant neither sees nor changes it
            assertThat(store.find("t2", saved.id())).isEmpty();
            assertThat(store.setEnabled("t2", saved.id(), true)).isFalse();
            assertThat(store.ofTenant("t2")).isEmpty();
            assertThat(store.all()).hasSize(1);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "mariadb"})
    void invalidSettingsNameTheirFieldAndStoreNothing(String kind) throws Exception {
        SecretCipher cipher = KeyFile.openOrCreate(dir.resolve("vault.key"));
        try (TestDatabases.Db db = TestDatabases.open(kind)) {
            tenant(db, "t1");
            AsteriskSourceStore store = new AsteriskSourceStore(db.dataSource(), cipher, VALIDATOR, ROOTS);
            store.create("t1", tableForm());

            assertThat(problems(() -> store.create("t1", tableForm()))).extracting(SourceProblem::field).containsExactly("name");
            assertThat(problems(() -> store.create("nobody", tableForm()))).extracting(SourceProblem::field).containsExactly("tenant");

            AsteriskSourceForm file = tableForm();
            file.setName("pbx2");
            file.setMode(QueueLogMode.FILE);
            file.setQueueLogFile("../../etc/passwd");
            assertThat(problems(() -> store.create("t1", file)))
                    .containsExactly(SourceProblem.of("queueLogFile", "fileAbsolute", "an absolute path is needed, e.g. /var/log/asterisk/queue_log"),
                            SourceProblem.of("cdrTable", "cdrNeedsDb", "the CDR table is read from the PBX database: set the database URL too"));
            file.setCdrTable(null);
            file.setQueueLogFile("/var/log/asterisk/../../etc/passwd");
            assertThat(problems(() -> store.create("t1", file))).extracting(SourceProblem::message)
                    .containsExactly("the path must not contain '..'");
            file.setQueueLogFile("/var/log/asterisk/queue_log");
            AsteriskSourceConfig saved = store.create("t1", file);
            assertThat(saved.dbUrl()).isNull(); // FILE keeps no database settings, nor their password
            assertThat(saved.dbPassword()).isNull();

            AsteriskSourceForm rename = AsteriskSourceForm.of(saved);
            rename.setName("pbx3");
            assertThat(problems(() -> store.update("t1", saved.id(), rename))).extracting(SourceProblem::field).containsExactly("name");
            assertThat(problems(() -> store.update("t1", 999_999, rename))).extracting(SourceProblem::field).containsExactly("id");
            assertThat(store.all()).hasSize(2);
        }
    }

    @Test
    void theRulesNameEveryOffendingField() {
        AsteriskSourceForm f = new AsteriskSourceForm();
        f.setName("Bad Name");
        f.setDisplayName(" ");
        f.setDbUrl("jdbc:postgresql://x/y");
        f.setQueueLogTable("queue_log; drop table x");
        f.setAmiPort(70000);
        f.setAmiUser("admin");
        f.setTimeZone("Mars/Olympus");
        List<SourceProblem> problems = AsteriskSourceRules.check(f, null, VALIDATOR, ROOTS);

        assertThat(problems).extracting(SourceProblem::field).containsExactly(
                "amiPort", "dbUrl", "displayName", "name", "queueLogTable", "dbUser", "amiHost", "amiSecret", "timeZone");
        assertThat(problems).filteredOn(p -> p.field().equals("dbUrl")).extracting(SourceProblem::message)
                .containsExactly("a MySQL/MariaDB URL: jdbc:mysql://HOST:PORT/DATABASE");
        assertThat(problems).filteredOn(p -> p.field().equals("timeZone")).extracting(SourceProblem::message)
                .containsExactly("not a time zone: 'Mars/Olympus' (e.g. Europe/Istanbul)");

        AsteriskSourceForm reserved = tableForm();
        reserved.setName("demo");
        assertThat(AsteriskSourceRules.check(reserved, null, VALIDATOR, ROOTS)).extracting(SourceProblem::field).containsExactly("name");
        assertThat(AsteriskSourceRules.check(tableForm(), null, VALIDATOR, ROOTS)).isEmpty();
    }

    private static List<SourceProblem> problems(ThrowingCall call) {
        try {
            call.run();
        } catch (InvalidSourceConfig e) {
            return e.problems();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("no InvalidSourceConfig");
    }

    interface ThrowingCall {
        void run() throws Exception;
    }

    /** Every character column of every row of the source table, concatenated. */
    private static String everyTextInTheDatabase(TestDatabases.Db db) throws SQLException {
        StringBuilder sb = new StringBuilder();
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select * from asterisk_source")) {
            while (rs.next()) {
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    sb.append(rs.getString(i)).append('|');
                }
            }
        }
        return sb.toString();
    }

    @Test
    void aNameTakenByAGenesysOrgOfTheTenantIsRefused() throws Exception {
        SecretCipher cipher = KeyFile.openOrCreate(dir.resolve("vault.key"));
        try (TestDatabases.Db db = TestDatabases.open("h2")) {
            tenant(db, "t1");
            tenant(db, "t2");
            try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
                s.executeUpdate("insert into genesys_source (tenant_id, name, display_name, enabled, region, client_id, "
                        + "client_secret, created_at, updated_at) values ('t1', 'pbx1', 'G', true, 'mypurecloud.de', 'c', 'v1:x', "
                        + "'2026-01-01 00:00:00', '2026-01-01 00:00:00')");
            }
            AsteriskSourceStore store = new AsteriskSourceStore(db.dataSource(), cipher, VALIDATOR, ROOTS);
            assertThat(problems(() -> store.create("t1", tableForm()))).extracting(SourceProblem::field).containsExactly("name");
            assertThat(store.create("t2", tableForm()).name()).isEqualTo("pbx1"); // another tenant's org is no clash
        }
    }
}
