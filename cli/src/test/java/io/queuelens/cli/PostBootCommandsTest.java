package io.queuelens.cli;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class PostBootCommandsTest {

    @Test
    void escapesTheCharactersAsadminSplitsOn() {
        assertThat(PostBootCommands.escape("jdbc:h2:file:/d;MODE=MariaDB")).isEqualTo("jdbc\\:h2\\:file\\:/d\\;MODE\\=MariaDB");
    }

    @Test
    void thePoolReferencesThePasswordInsteadOfHoldingIt() {
        var commands = PostBootCommands.forDatabase(Database.parse("jdbc:mariadb://127.0.0.1:3306/ql", "app"));
        assertThat(commands).hasSize(3);
        assertThat(commands.get(0))
                .startsWith("create-jdbc-connection-pool --datasourceclassname com.mysql.cj.jdbc.MysqlXADataSource --restype javax.sql.XADataSource")
                .contains("URL=jdbc\\:mysql\\://127.0.0.1\\:3306/ql?rewriteBatchedStatements\\=true")
                .contains("user=app")
                .contains("password=${ENV\\=QUEUELENS_DB_PASSWORD}")
                .endsWith(" queuelens-pool");
        assertThat(commands.get(1)).isEqualTo("create-jdbc-resource --connectionpoolid queuelens-pool jdbc/queuelens");
        assertThat(commands.get(2)).isEqualTo("set-batch-runtime-configuration --datasourcelookupname jdbc/queuelens --schemaname ql");
    }

    @Test
    void mariaDbGetsBatchRewritingUnlessItsUrlSaysOtherwise() {
        assertThat(PostBootCommands.driverUrl(Database.parse("jdbc:mariadb://h:3306/ql", "app")))
                .isEqualTo("jdbc:mysql://h:3306/ql?rewriteBatchedStatements=true");
        assertThat(PostBootCommands.driverUrl(Database.parse("jdbc:mariadb://h:3306/ql?useSSL=false", "app")))
                .isEqualTo("jdbc:mysql://h:3306/ql?useSSL=false&rewriteBatchedStatements=true");
        assertThat(PostBootCommands.driverUrl(Database.parse("jdbc:mysql://h/ql?rewriteBatchedStatements=false", "app")))
                .isEqualTo("jdbc:mysql://h/ql?rewriteBatchedStatements=false");
        assertThat(PostBootCommands.driverUrl(Database.embedded(Path.of("/srv/ql")))).doesNotContain("rewrite");
    }

    @Test
    void theEmbeddedDatabaseLivesInTheDataFolder() {
        var commands = PostBootCommands.forDatabase(Database.embedded(Path.of("/srv/ql")));
        assertThat(commands).hasSize(5);
        assertThat(commands.get(2)).contains("URL=jdbc\\:h2\\:file\\:/srv/ql/db/queuelens-jbatch\\;LOCK_TIMEOUT\\=50000")
                .endsWith(" queuelens-batch-pool");
        assertThat(commands.get(3)).isEqualTo("create-jdbc-resource --connectionpoolid queuelens-batch-pool jdbc/queuelens-batch");
        assertThat(commands.get(4)).isEqualTo("set-batch-runtime-configuration --datasourcelookupname jdbc/queuelens-batch");
        assertThat(commands.get(0)).contains("org.h2.jdbcx.JdbcDataSource").contains("URL=jdbc\\:h2\\:file\\:/srv/ql/db/queuelens\\;MODE\\=MariaDB");
    }
}
