package io.queuelens.cli;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class ImportQueueLogCommandTest {

    private static final String TOKEN = "t0ken-for-test";

    @TempDir
    Path dir;

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
        all[0] = "import-queue-log";
        System.arraycopy(args, 0, all, 1, args.length);
        return Main.run(all, env, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private Path sampleFile() throws Exception {
        Path file = dir.resolve("queue log.1");
        Files.writeString(file, "1795308941|1795308941.1|sales|NONE|ENTERQUEUE||5551234|1\n"
                + "1795308954|1795308941.1|sales|NONE|ABANDON|1|1|13\n");
        return file;
    }

    @Test
    void argumentErrorsEndInOneSentenceAndExitCode2() throws Exception {
        Path file = sampleFile();
        Map<String, String> env = Map.of("QUEUELENS_API_TOKEN", TOKEN);

        assertThat(run(env, file.toString())).isEqualTo(2);
        assertThat(err()).startsWith("queuelens: import-queue-log needs --tenant TENANT\nusage: ");

        err.reset();
        assertThat(run(env, "--tenant", "acme")).isEqualTo(2);
        assertThat(err()).contains("needs the queue_log FILE");

        err.reset();
        assertThat(run(env, "--tenant")).isEqualTo(2);
        assertThat(err()).contains("--tenant needs a value");

        err.reset();
        assertThat(run(env, "--tenant", "acme", "--bogus", file.toString())).isEqualTo(2);
        assertThat(err()).contains("unknown option --bogus");

        err.reset();
        assertThat(run(env, "--tenant", "acme", dir.resolve("missing.log").toString())).isEqualTo(2);
        assertThat(err()).isEqualTo("queuelens: no such file: " + dir.resolve("missing.log") + "\n");

        err.reset();
        assertThat(run(Map.of(), "--tenant", "acme", file.toString())).isEqualTo(2);
        assertThat(err()).isEqualTo("queuelens: set QUEUELENS_API_TOKEN to the API token the server was started with\n");
        assertThat(out.size()).isZero();
    }

    @Test
    void anUnreachableServerNamesPortAndUrl() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort(); // closed again: nothing listens there
        }
        Map<String, String> env = Map.of("QUEUELENS_API_TOKEN", TOKEN, "QUEUELENS_PORT", Integer.toString(port));
        assertThat(run(env, "--tenant", "acme", sampleFile().toString())).isEqualTo(2);
        assertThat(err()).isEqualTo("queuelens: no QueueLens server answers at http://localhost:" + port
                + "; start it (./queuelens run) or point to it with QUEUELENS_PORT or --url\n");
    }

    @Test
    void streamsTheFileWithTheTokenAndPrintsTheCounts() throws Exception {
        AtomicReference<String> auth = new AtomicReference<>();
        AtomicReference<String> query = new AtomicReference<>();
        AtomicReference<String> method = new AtomicReference<>();
        AtomicReference<byte[]> body = new AtomicReference<>();
        int port = serve(200, "{\"linesRead\":2,\"visits\":1,\"quarantined\":0,\"bucketsRefreshed\":1}", exchange -> {
            auth.set(exchange.getRequestHeaders().getFirst("Authorization"));
            query.set(exchange.getRequestURI().getPath() + "?" + exchange.getRequestURI().getRawQuery());
            method.set(exchange.getRequestMethod());
        }, body);
        Path file = sampleFile();
        Map<String, String> env = new HashMap<>(Map.of("QUEUELENS_API_TOKEN", TOKEN, "QUEUELENS_PORT", Integer.toString(port)));

        assertThat(run(env, "--tenant", "acme", "--source", "pbx-1", file.toString())).isZero();

        assertThat(method.get()).isEqualTo("POST");
        assertThat(auth.get()).isEqualTo("Bearer " + TOKEN);
        assertThat(query.get()).isEqualTo("/api/v1/imports/queue-log?tenant=acme&source=pbx-1&name=queue_log.1");
        assertThat(body.get()).isEqualTo(Files.readAllBytes(file));
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("Imported " + file
                + " into acme/pbx-1: 2 lines read, 1 visits, 0 quarantined, 1 rollup buckets refreshed\n");
        assertThat(err()).isEmpty();
    }

    @Test
    void theUrlOptionWinsAndTheSourceDefaultsToImport() throws Exception {
        AtomicReference<String> query = new AtomicReference<>();
        int port = serve(200, "{\"linesRead\":7,\"visits\":2,\"quarantined\":1,\"bucketsRefreshed\":3}",
                exchange -> query.set(exchange.getRequestURI().getRawQuery()), new AtomicReference<>());
        Map<String, String> env = Map.of("QUEUELENS_API_TOKEN", TOKEN, "QUEUELENS_PORT", "1");

        assertThat(run(env, "--url", "http://127.0.0.1:" + port + "/", "--tenant", "acme", sampleFile().toString())).isZero();
        assertThat(query.get()).isEqualTo("tenant=acme&source=import&name=queue_log.1");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("7 lines read, 2 visits, 1 quarantined, 3 rollup buckets");
    }

    @Test
    void aRefusedTokenAndAnUnknownTenantExitWith2() throws Exception {
        int port = serve(401, "", exchange -> { }, new AtomicReference<>());
        Map<String, String> env = Map.of("QUEUELENS_API_TOKEN", "wrong", "QUEUELENS_PORT", Integer.toString(port));
        assertThat(run(env, "--tenant", "acme", sampleFile().toString())).isEqualTo(2);
        assertThat(err()).isEqualTo("queuelens: the server refused the API token (401); check QUEUELENS_API_TOKEN\n");
        server.stop(0);

        err.reset();
        port = serve(404, "{\"error\":\"unknown tenant 'acme'\",\"parameter\":\"tenant\"}", exchange -> { }, new AtomicReference<>());
        env = Map.of("QUEUELENS_API_TOKEN", TOKEN, "QUEUELENS_PORT", Integer.toString(port));
        assertThat(run(env, "--tenant", "acme", sampleFile().toString())).isEqualTo(2);
        assertThat(err()).isEqualTo("queuelens: unknown tenant 'acme'\n");
    }

    /** Starts a server on a free loopback port that reads the whole request body and answers with {@code status}. */
    private int serve(int status, String json, java.util.function.Consumer<com.sun.net.httpserver.HttpExchange> inspect,
                      AtomicReference<byte[]> body) throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            inspect.accept(exchange);
            try (InputStream in = exchange.getRequestBody()) {
                body.set(in.readAllBytes());
            }
            byte[] answer = json.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
            try (OutputStream o = exchange.getResponseBody()) {
                o.write(answer);
            }
        });
        server.start();
        return server.getAddress().getPort();
    }
}
