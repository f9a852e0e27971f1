package io.queuelens.it.support;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;

import java.io.IOException;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * N QueueLens servers in cluster mode on one throwaway MariaDB database, each with its own HTTP port,
 * data folder and data grid port (and one vault key, as a real cluster needs), found by TCP on loopback (multicast is not reliable in containers
 * and would let concurrent test runs join each other; the random cluster name keeps them apart too).
 * Started one after the other, so only the first one migrates and seeds the empty database, and
 * handed out only once the grid of every member shows all N: a test can then kill one with SIGKILL.
 */
public final class ClusterOfServers implements AutoCloseable {

    /** The server-admin REST token every member is started with. */
    public static final String API_TOKEN = "it-cluster-" + UUID.randomUUID();

    private final ThrowawayMariaDb database;
    private final List<RunningServer> servers;

    private ClusterOfServers(ThrowawayMariaDb database, List<RunningServer> servers) {
        this.database = database;
        this.servers = servers;
    }

    /**
     * @param name     folder prefix of the members' data folders ({@code name-0}, {@code name-1}, ...)
     * @param size     number of members
     * @param settings QUEUELENS_* settings every member gets on top of the cluster's own
     */
    public static ClusterOfServers start(String name, int size, Map<String, String> settings) throws Exception {
        ThrowawayMariaDb db = ThrowawayMariaDb.create("ql_cluster");
        List<RunningServer> started = new ArrayList<>();
        try {
            List<Integer> gridPorts = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                gridPorts.add(RunningServer.freePort());
            }
            String members = gridPorts.stream().map(p -> "127.0.0.1:" + p).collect(Collectors.joining(","));
            String clusterName = "it-" + UUID.randomUUID().toString().substring(0, 8);
            // one vault key for all: a source's secrets saved through one member must decrypt on the others
            byte[] key = new byte[32];
            new java.security.SecureRandom().nextBytes(key);
            String vaultKey = java.util.Base64.getEncoder().encodeToString(key);
            for (int i = 0; i < size; i++) {
                Map<String, String> env = new HashMap<>(settings);
                env.put("QUEUELENS_DB_URL", db.queuelensUrl());
                env.put("QUEUELENS_DB_USER", ThrowawayMariaDb.USER);
                env.put("QUEUELENS_API_TOKEN", API_TOKEN);
                env.put("QUEUELENS_CLUSTER_ENABLED", "true");
                env.put("QUEUELENS_CLUSTER_NAME", clusterName);
                env.put("QUEUELENS_CLUSTER_MEMBERS", members);
                env.put("QUEUELENS_CLUSTER_PORT", Integer.toString(gridPorts.get(i)));
                env.put("QUEUELENS_CLUSTER_INTERFACES", "127.0.0.1");
                env.put("QUEUELENS_VAULT_KEY", vaultKey);
                started.add(RunningServer.start(name + "-" + i, env));
            }
            ClusterOfServers cluster = new ClusterOfServers(db, started);
            cluster.awaitMembers(size, Duration.ofSeconds(60));
            return cluster;
        } catch (Exception | AssertionError e) {
            for (RunningServer s : started) {
                s.close();
            }
            db.close();
            throw e;
        }
    }

    public RunningServer server(int i) {
        return servers.get(i);
    }

    public List<RunningServer> servers() {
        return List.copyOf(servers);
    }

    public ThrowawayMariaDb database() {
        return database;
    }

    /** {@code GET /api/v1/cluster} of one member: {clustered, memberId, members}. */
    public JsonObject clusterStatus(int i) throws IOException, InterruptedException {
        HttpResponse<String> r = servers.get(i).get("/api/v1/cluster", API_TOKEN);
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET /api/v1/cluster of member " + i + " answered " + r.statusCode() + ": " + r.body());
        }
        try (var reader = Json.createReader(new StringReader(r.body()))) {
            return reader.readObject();
        }
    }

    public String memberId(int i) throws IOException, InterruptedException {
        return clusterStatus(i).getString("memberId");
    }

    /** The member ids one member's grid sees now. */
    public Set<String> membersSeenBy(int i) throws IOException, InterruptedException {
        return clusterStatus(i).getJsonArray("members").getValuesAs(JsonString.class).stream()
                .map(JsonString::getString).collect(Collectors.toSet());
    }

    /** Waits until every live member's grid shows {@code count} members; the grid joins after the HTTP port opens. */
    public void awaitMembers(int count, Duration within) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(within);
        String last = "";
        while (Instant.now().isBefore(deadline)) {
            boolean all = true;
            StringBuilder seen = new StringBuilder();
            for (int i = 0; i < servers.size(); i++) {
                if (!servers.get(i).isAlive()) {
                    continue;
                }
                Set<String> members = membersSeenBy(i);
                seen.append("member ").append(i).append(" sees ").append(members).append("; ");
                all &= members.size() == count;
            }
            last = seen.toString();
            if (all) {
                return;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the grid did not show " + count + " members within " + within.toSeconds() + " s: " + last);
    }

    /** SIGKILL for one member: no orderly shutdown, no lease released. */
    public void kill(int i) {
        servers.get(i).kill();
    }

    @Override
    public void close() throws Exception {
        try {
            for (RunningServer s : servers) {
                s.close();
            }
        } finally {
            database.close();
        }
    }
}
