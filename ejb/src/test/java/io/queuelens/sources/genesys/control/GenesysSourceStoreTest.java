package io.queuelens.sources.genesys.control;

import io.queuelens.sources.asterisk.entity.InvalidSourceConfig;
import io.queuelens.sources.asterisk.entity.SourceProblem;
import io.queuelens.sources.genesys.entity.GenesysSourceConfig;
import io.queuelens.sources.genesys.entity.GenesysSourceForm;
import io.queuelens.testsupport.TestDatabases;
import io.queuelens.vault.control.KeyFile;
import io.queuelens.vault.control.SecretCipher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** Configured Genesys orgs: the secret only as vault ciphertext and write-only, problems with their field. */
class GenesysSourceStoreTest {

    static final String SECRET = "gen-S3cret-value";

    @TempDir
    Path dir;

    static GenesysSourceForm form() {
        GenesysSourceForm f = new GenesysSourceForm();
        f.setName("gc1");
        f.setDisplayName("Genesys EU");
        f.setRegion("mypurecloud.de");
        f.setClientId("client-1");
        f.setClientSecret(SECRET);
        return f;
    }

    @Test
    void the_secret_is_stored_encrypted_and_kept_when_an_edit_leaves_it_empty() throws Exception {
        SecretCipher cipher = KeyFile.openOrCreate(dir.resolve("vault.key"));
        try (TestDatabases.Db db = TestDatabases.open("h2")) {
            try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
                s.executeUpdate("insert into tenant (id, name, time_zone, locale, currency, created_at) values "
                        + "('t1', 'T', 'Europe/Berlin', 'en', 'EUR', '2026-01-01 00:00:00')");
                s.executeUpdate("insert into asterisk_source (tenant_id, name, display_name, enabled, queue_log_mode, "
                        + "queue_log_file, created_at, updated_at) values ('t1', 'pbx1', 'P', true, 'FILE', '/x', "
                        + "'2026-01-01 00:00:00', '2026-01-01 00:00:00')");
            }
            GenesysSourceStore store = new GenesysSourceStore(db.dataSource(), cipher);
            GenesysSourceConfig saved = store.create("t1", form());
            assertThat(saved.clientSecret()).startsWith("v1:");
            assertThat(cipher.decrypt(saved.clientSecret())).isEqualTo(SECRET);
            try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select client_secret from genesys_source")) {
                rs.next();
                assertThat(rs.getString(1)).doesNotContain(SECRET);
            }

            GenesysSourceForm edit = GenesysSourceForm.of(saved);
            assertThat(edit.getClientSecret()).isNull();
            edit.setDisplayName("Genesys Europe");
            edit.setBaseUrl("http://127.0.0.1:8089");
            GenesysSourceConfig edited = store.update("t1", saved.id(), edit);
            assertThat(edited.clientSecret()).isEqualTo(saved.clientSecret());
            assertThat(edited.baseUrl()).isEqualTo("http://127.0.0.1:8089");
            assertThat(edited.updatedAt()).isAfterOrEqualTo(saved.updatedAt());
            assertThat(store.ofTenant("t1")).hasSize(1);
            assertThat(store.ofTenant("t2")).isEmpty();
            assertThat(store.find("t2", saved.id())).isEmpty();

            GenesysSourceForm clash = form(); // the facts of a tenant's sources share one namespace of names
            clash.setName("pbx1");
            assertThatThrownBy(() -> store.create("t1", clash)).isInstanceOfSatisfying(InvalidSourceConfig.class,
                    e -> assertThat(e.problems()).extracting(SourceProblem::field, SourceProblem::key, SourceProblem::args)
                            .containsExactly(tuple("name", "nameTaken", List.of("pbx1"))));

            GenesysSourceForm bad = new GenesysSourceForm();
            bad.setName("Bad Name");
            bad.setRegion("example.com");
            bad.setBaseUrl("ftp:/x");
            assertThatThrownBy(() -> store.create("t1", bad)).isInstanceOfSatisfying(InvalidSourceConfig.class,
                    e -> assertThat(e.problems()).extracting(SourceProblem::field)
                            .containsExactly("name", "displayName", "baseUrl", "region", "clientId", "clientSecret"));
            // each with the key the admin page translates (asrc.p.<key>)
            assertThatThrownBy(() -> store.create("t1", bad)).isInstanceOfSatisfying(InvalidSourceConfig.class,
                    e -> assertThat(e.problems()).extracting(SourceProblem::key).containsExactly("format.name",
                            "required.displayName", "format.baseUrl", "format.region", "required.clientId",
                            "required.clientSecret"));
            assertThat(store.delete("t2", saved.id())).isFalse();
            assertThat(store.delete("t1", saved.id())).isTrue();
        }
    }
}
