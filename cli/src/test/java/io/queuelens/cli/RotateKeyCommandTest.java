package io.queuelens.cli;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class RotateKeyCommandTest {

    private static final String TOKEN = "t0ken-for-test";

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private HttpServer server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop(0);
        }
    }

    private int run(Map<String, String> env, String... args) throws Exception {
        String[] all = new String[args.length + 1];
        all[0] = "rotate-key";
        System.arraycopy(args, 0, all, 1, args.length);
        return Main.run(all, env, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private int serve(int status, String body, AtomicReference<String> seen) throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/vault/rotate-key", exchange -> {
            seen.set(exchange.getRequestMethod() + " " + exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, b.length);
            exchange.getResponseBody().write(b);
            exchange.close();
        });
        server.start();
        return server.getAddress().getPort();
    }

    @Test
    void printsTheCountsOfTheRotation() throws Exception {
        AtomicReference<String> seen = new AtomicReference<>();
        int port = serve(200, "{\"newKeyId\":\"k2\",\"retiredKeyIds\":[\"k1\"],\"values\":9,"
                + "\"columns\":{\"asterisk_source.db_password\":5,\"asterisk_source.ami_secret\":4}}", seen);
        assertThat(run(Map.of("QUEUELENS_API_TOKEN", TOKEN, "QUEUELENS_PORT", Integer.toString(port)))).isZero();
        assertThat(seen.get()).isEqualTo("POST Bearer " + TOKEN);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("Vault key rotated: new key k2, 9 secret(s) re-encrypted, retired [k1]\n"
                + "  asterisk_source.db_password: 5\n  asterisk_source.ami_secret: 4\n");
    }

    @Test
    void problemsEndInOneSentence() throws Exception {
        assertThat(run(Map.of())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("queuelens: set QUEUELENS_API_TOKEN to the API token the server was started with\n");

        err.reset();
        int port = serve(409, "{\"error\":\"the vault key comes from the setting queuelens.vault.key\",\"parameter\":null}",
                new AtomicReference<>());
        assertThat(run(Map.of("QUEUELENS_API_TOKEN", TOKEN), "--url", "http://127.0.0.1:" + port + "/")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("queuelens: the vault key comes from the setting queuelens.vault.key\n");

        err.reset();
        server.stop(0);
        server = null;
        assertThat(run(Map.of("QUEUELENS_API_TOKEN", TOKEN, "QUEUELENS_PORT", Integer.toString(port)))).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no QueueLens server answers at http://localhost:" + port);
    }
}
