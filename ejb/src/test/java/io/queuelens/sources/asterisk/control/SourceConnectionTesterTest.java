package io.queuelens.sources.asterisk.control;

import io.queuelens.sources.asterisk.control.SourceConnectionTester.Target;
import io.queuelens.sources.asterisk.entity.ConnectionCheck;
import io.queuelens.sources.asterisk.entity.QueueLogMode;
import io.queuelens.sources.demo.control.AmiServer;
import io.queuelens.sources.demo.control.AmiStateProvider;
import io.queuelens.testsupport.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/** "Test connection" against a real MariaDB, real files and the project's own AMI server: what worked, what failed, which field. */
class SourceConnectionTesterTest {

    @TempDir
    Path dir;

    private static Target table(String url, String user, String password, String table, String cdr) {
        return new Target(QueueLogMode.TABLE, url, user, password, table, null, cdr, null, null, null, null);
    }

    @Test
    void aPbxDatabaseIsTriedTableByTable() throws Exception {
        try (TestDatabases.Db db = TestDatabases.open("mariadb")) {
            String url = ((com.mysql.cj.jdbc.MysqlDataSource) db.dataSource()).getUrl().replaceFirst("\\?.*", "")
                    .replace("jdbc:mysql://", "jdbc:mariadb://");
            List<ConnectionCheck> ok = SourceConnectionTester.test(table(url, "root", "", "demo_queue_log", "demo_cdr"));
            assertThat(ok).extracting(ConnectionCheck::ok).containsExactly(true, true);
            assertThat(ok.get(0).message()).contains("connected to jdbc:mysql://").contains("table demo_queue_log has 0 rows");

            List<ConnectionCheck> noTable = SourceConnectionTester.test(table(url, "root", "", "queue_log", "cdr"));
            assertThat(noTable).extracting(ConnectionCheck::part).containsExactly("queueLogTable", "cdrTable");
            assertThat(noTable.get(0).ok()).isFalse();
            assertThat(noTable.get(0).message()).contains("reading table queue_log failed").contains("doesn't exist");

            ConnectionCheck denied = SourceConnectionTester.test(table(url, "root", "wrong-password", "queue_log", null)).get(0);
            assertThat(denied.ok()).isFalse();
            assertThat(denied.message()).contains("cannot connect to").contains("as root").contains("Access denied");
        }
    }

    @Test
    void aQueueLogFileMustExistBeAFileAndLookLikeOne() throws Exception {
        Path log = dir.resolve("queue_log");
        assertThat(file(log.toString())).isEqualTo(new ConnectionCheck("queueLogFile", false, log + " does not exist on this server"));
        assertThat(file(dir.toString()).message()).endsWith("is not a regular file");
        Files.writeString(log, "root:x:0:0:root:/root:/bin/bash\n");
        assertThat(file(log.toString()).ok()).isFalse();
        assertThat(file(log.toString()).message()).contains("does not look like queue_log");
        Files.writeString(log, "1795308941|1795308941.1|sales|NONE|ENTERQUEUE||5551234|1\n");
        assertThat(file(log.toString())).isEqualTo(new ConnectionCheck("queueLogFile", true, log + " is readable (57 bytes)"));
    }

    @Test
    void anAmiLoginIsTriedAndARefusalPointsAtTheSecret() throws Exception {
        try (AmiServer server = new AmiServer("127.0.0.1", 0, "queuelens", "right", AmiStateProvider.EMPTY,
                Executors.defaultThreadFactory(), 1000)) {
            server.start();
            int port = server.port();
            assertThat(ami(port, "right")).isEqualTo(new ConnectionCheck("ami", true,
                    "logged in to AMI at 127.0.0.1:" + port + " as queuelens"));
            ConnectionCheck refused = ami(port, "wrong");
            assertThat(refused.ok()).isFalse();
            assertThat(refused.part()).isEqualTo("amiSecret");
        }
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        ConnectionCheck unreachable = ami(closed, "right");
        assertThat(unreachable.part()).isEqualTo("amiHost");
        assertThat(unreachable.message()).startsWith("cannot reach AMI at 127.0.0.1:" + closed);
    }

    private static ConnectionCheck file(String path) {
        return SourceConnectionTester.test(new Target(QueueLogMode.FILE, null, null, null, null, path, null, null, null, null, null))
                .get(0);
    }

    private static ConnectionCheck ami(int port, String secret) {
        List<ConnectionCheck> checks = SourceConnectionTester.test(new Target(QueueLogMode.FILE, null, null, null, null, "/nonexistent",
                null, "127.0.0.1", port, "queuelens", secret));
        return checks.get(1);
    }
}
