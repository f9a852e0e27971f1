package io.queuelens.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LaunchConfigTest {

    @TempDir
    Path data;

    private Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>();
        env.put("QUEUELENS_DATA_DIR", data.toString());
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    @Test
    void defaultsAreTheEmbeddedSetup() {
        LaunchConfig c = LaunchConfig.from(env(), Path.of("."));
        assertThat(c.port()).isEqualTo(8080);
        assertThat(c.database().kind()).isEqualTo(Database.Kind.H2);
        assertThat(c.database().url()).startsWith("jdbc:h2:file:" + data.resolve("db/queuelens")).contains("MODE=MariaDB");
        assertThat(c.environment()).containsEntry("QUEUELENS_DATA_DIR", data.toString());
        assertThat(c.warnings()).isEmpty();
    }

    @Test
    void aPortInUseIsNamedWithItsSetting() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            LaunchConfig c = LaunchConfig.from(env("QUEUELENS_PORT", Integer.toString(taken.getLocalPort())), Path.of("."));
            assertThatThrownBy(c::checkEnvironment).isInstanceOf(ConfigProblem.class)
                    .hasMessage("Port " + taken.getLocalPort() + " is already in use; stop what uses it or set QUEUELENS_PORT to a free port");
        }
    }

    @Test
    void anUnreachableDatabaseIsNamedWithItsSetting() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        LaunchConfig c = LaunchConfig.from(env(
                "QUEUELENS_DB_URL", "jdbc:mariadb://127.0.0.1:" + closed + "/queuelens"), Path.of("."));
        assertThatThrownBy(c::checkEnvironment).isInstanceOf(ConfigProblem.class)
                .hasMessageStartingWith("No database answers at 127.0.0.1:" + closed)
                .hasMessageEndingWith("start it or fix QUEUELENS_DB_URL");
    }

    @Test
    void mariaDbUrlsAreServedThroughTheMysqlDriverWithAnXaPool() {
        Database db = LaunchConfig.from(env("QUEUELENS_DB_URL", "jdbc:mariadb://db.example:3307/ql",
                "QUEUELENS_DB_USER", "ql"), Path.of(".")).database();
        assertThat(db.kind()).isEqualTo(Database.Kind.MARIADB);
        assertThat(db.url()).isEqualTo("jdbc:mysql://db.example:3307/ql");
        assertThat(db.kind().dataSourceClass()).isEqualTo("com.mysql.cj.jdbc.MysqlXADataSource");
        assertThat(db.user()).isEqualTo("ql");
        assertThat(db.host()).isEqualTo("db.example");
        assertThat(db.port()).isEqualTo(3307);
    }

    @Test
    void unsupportedAndIncompleteUrlsAreRefused() {
        assertThatThrownBy(() -> LaunchConfig.from(env("QUEUELENS_DB_URL", "jdbc:postgresql://x/y"), Path.of(".")))
                .isInstanceOf(ConfigProblem.class).hasMessageContaining("QUEUELENS_DB_URL").hasMessageContaining("not supported");
        assertThatThrownBy(() -> LaunchConfig.from(env("QUEUELENS_DB_URL", "jdbc:mariadb://host:3306"), Path.of(".")))
                .isInstanceOf(ConfigProblem.class).hasMessageContaining("needs a host and a database name");
    }

    @Test
    void wrongTypesAreRefusedWithTheVariableName() {
        assertThatThrownBy(() -> LaunchConfig.from(env("QUEUELENS_PORT", "eighty"), Path.of(".")))
                .hasMessage("QUEUELENS_PORT='eighty' is not a port number (1-65535)");
        assertThatThrownBy(() -> LaunchConfig.from(env("QUEUELENS_DEMO_ENABLED", "yes"), Path.of(".")))
                .hasMessage("QUEUELENS_DEMO_ENABLED='yes' must be true or false");
        assertThatThrownBy(() -> LaunchConfig.from(env("QUEUELENS_DEMO_AGENTS", "5"), Path.of(".")))
                .hasMessage("QUEUELENS_DEMO_AGENTS='5' must be a whole number from 10 to 200");
        assertThatThrownBy(() -> LaunchConfig.from(env("QUEUELENS_DEMO_SPEED", "-1"), Path.of(".")))
                .hasMessageContaining("QUEUELENS_DEMO_SPEED='-1' must be a positive number");
    }

    @Test
    void unknownSettingsAreReportedNotSilentlyIgnored() {
        LaunchConfig c = LaunchConfig.from(env("QUEUELENS_DEMO_SEEDS", "7", "OTHER_VAR", "x"), Path.of("."));
        assertThat(c.warnings()).containsExactly(
                "Unknown setting QUEUELENS_DEMO_SEEDS is ignored; './queuelens help config' lists the known ones");
    }
}
