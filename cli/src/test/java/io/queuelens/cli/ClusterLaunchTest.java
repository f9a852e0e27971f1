package io.queuelens.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Cluster mode as the launcher builds it: the checks before start and Payara Micro's discovery options. */
class ClusterLaunchTest {

    @TempDir
    Path data;

    private Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>();
        env.put("QUEUELENS_DATA_DIR", data.toString());
        env.put("QUEUELENS_DB_URL", "jdbc:mariadb://127.0.0.1:3306/ql");
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    private static List<String> command(LaunchConfig config) {
        return PayaraMicroLauncher.command(config, Path.of("payara-micro.jar"), Path.of("post-boot.asadmin"));
    }

    @Test
    void aloneTheServerRunsWithoutTheDataGrid() {
        LaunchConfig config = LaunchConfig.from(env(), Path.of("."));
        assertThat(config.cluster().enabled()).isFalse();
        assertThat(command(config)).contains("--nocluster").doesNotContain("--clustername", "--clustermode");
        assertThat(config.environment()).containsEntry("QUEUELENS_CLUSTER_ENABLED", "false");
    }

    @Test
    void theClusterFlagTurnsOnTheGridWithMulticastAndTellsTheApp() {
        LaunchConfig config = LaunchConfig.from(Main.withFlags(new String[]{"run", "--cluster"}, env()), Path.of("."));
        List<String> command = command(config);
        assertThat(command).doesNotContain("--nocluster", "--clustermode", "--startport");
        assertThat(command).containsSequence("--clustername", "queuelens");
        assertThat(config.environment()).containsEntry("QUEUELENS_CLUSTER_ENABLED", "true");
    }

    @Test
    void aMembersListBecomesTcpDiscoveryWithPortInterfacesAndPublicAddress() {
        LaunchConfig config = LaunchConfig.from(env(
                "QUEUELENS_CLUSTER_ENABLED", "true",
                "QUEUELENS_CLUSTER_NAME", "floor-2",
                "QUEUELENS_CLUSTER_MEMBERS", " 10.0.0.5:6900, db-host ,10.0.0.6:6901",
                "QUEUELENS_CLUSTER_PORT", "6900",
                "QUEUELENS_CLUSTER_INTERFACES", "10.0.0.*",
                "QUEUELENS_CLUSTER_PUBLIC_ADDRESS", "203.0.113.7:6900"), Path.of("."));
        assertThat(command(config))
                .containsSequence("--clustername", "floor-2")
                .containsSequence("--clustermode", "tcpip:10.0.0.5:6900,db-host,10.0.0.6:6901")
                .containsSequence("--startport", "6900")
                .containsSequence("--interfaces", "10.0.0.*")
                .containsSequence("--hzpublicaddress", "203.0.113.7:6900")
                .doesNotContain("--nocluster");
    }

    @Test
    void aClusterOnTheEmbeddedH2IsRefusedNamingTheDatabaseSetting() {
        Map<String, String> env = env("QUEUELENS_CLUSTER_ENABLED", "true");
        env.remove("QUEUELENS_DB_URL");
        assertThatThrownBy(() -> LaunchConfig.from(env, Path.of("."))).isInstanceOf(ConfigProblem.class)
                .hasMessageContaining("QUEUELENS_DB_URL").hasMessageContaining("H2");
        assertThatThrownBy(() -> LaunchConfig.from(env("QUEUELENS_CLUSTER_ENABLED", "true",
                "QUEUELENS_DB_URL", "jdbc:h2:file:/tmp/x"), Path.of(".")))
                .isInstanceOf(ConfigProblem.class).hasMessageContaining("QUEUELENS_DB_URL");
    }

    @Test
    void badClusterSettingsAreNamed() {
        assertThatThrownBy(() -> LaunchConfig.from(env("QUEUELENS_CLUSTER_ENABLED", "yes"), Path.of(".")))
                .hasMessage("QUEUELENS_CLUSTER_ENABLED='yes' must be true or false");
        assertThatThrownBy(() -> LaunchConfig.from(env("QUEUELENS_CLUSTER_MEMBERS", "a:1;b:2"), Path.of(".")))
                .hasMessageStartingWith("QUEUELENS_CLUSTER_MEMBERS entry 'a:1;b:2'");
        assertThatThrownBy(() -> LaunchConfig.from(env("QUEUELENS_CLUSTER_PORT", "70000"), Path.of(".")))
                .hasMessageStartingWith("QUEUELENS_CLUSTER_PORT='70000'");
        assertThatThrownBy(() -> LaunchConfig.from(env("QUEUELENS_CLUSTER_NAME", "two words"), Path.of(".")))
                .hasMessageStartingWith("QUEUELENS_CLUSTER_NAME='two words'");
        assertThatThrownBy(() -> LaunchConfig.from(env("QUEUELENS_CLUSTER_LEASE_RENEW_MS", "4000",
                "QUEUELENS_CLUSTER_LEASE_TTL_MS", "6000"), Path.of(".")))
                .hasMessageContaining("must be at least twice QUEUELENS_CLUSTER_LEASE_RENEW_MS");
    }

    @Test
    void aClusterWithoutASharedVaultKeyIsWarnedAbout() {
        LaunchConfig own = LaunchConfig.from(env("QUEUELENS_CLUSTER_ENABLED", "true"), Path.of("."));
        assertThat(own.warnings()).anySatisfy(w -> assertThat(w).contains("QUEUELENS_VAULT_KEY"));
        LaunchConfig shared = LaunchConfig.from(env("QUEUELENS_CLUSTER_ENABLED", "true",
                "QUEUELENS_VAULT_KEY_FILE", "/etc/queuelens/vault.key"), Path.of("."));
        assertThat(shared.warnings()).isEmpty();
        assertThat(LaunchConfig.from(env(), Path.of(".")).warnings()).isEmpty();
    }

    @Test
    void anUnknownRunOptionIsRefused() {
        assertThatThrownBy(() -> Main.withFlags(new String[]{"run", "--clsuter"}, env()))
                .isInstanceOf(ConfigProblem.class).hasMessageContaining("'--clsuter'");
    }

    @Test
    void checkConfigWithTheClusterFlagNamesTheCluster() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Map<String, String> env = env();
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            env.put("QUEUELENS_PORT", Integer.toString(s.getLocalPort()));
        }
        // without MariaDB on 3306 check-config stops at the database, after the cluster checks passed
        int code;
        try {
            code = Main.run(new String[]{"check-config", "--cluster"}, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        } catch (ConfigProblem noDatabase) {
            assertThat(noDatabase.getMessage()).contains("QUEUELENS_DB_URL");
            return;
        }
        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("cluster queuelens");
    }
}
