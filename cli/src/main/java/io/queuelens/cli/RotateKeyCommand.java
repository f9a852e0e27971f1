package io.queuelens.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ./queuelens rotate-key [--url URL]}: asks the running server ({@code POST /api/v1/vault/rotate-key},
 * with QUEUELENS_API_TOKEN) to replace the vault key: a new key in the key file, every stored secret
 * re-encrypted under it in one transaction, the old key removed. Prints the counts. Problems the
 * operator can fix end in one sentence and exit code 2.
 */
final class RotateKeyCommand {

    static final String USAGE = "usage: ./queuelens rotate-key [--url URL]";

    private RotateKeyCommand() {
    }

    static int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) throws InterruptedException {
        String url = null;
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("--url") && i + 1 < args.size()) {
                url = args.get(++i);
            } else {
                return fail(err, "unknown argument " + args.get(i) + "\n" + USAGE);
            }
        }
        if (url == null) {
            url = "http://localhost:" + env.getOrDefault(Setting.PORT.variable(), Setting.PORT.defaultValue());
        }
        url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        String token = env.getOrDefault(Setting.API_TOKEN.variable(), "").strip();
        if (token.isEmpty()) {
            return fail(err, "set " + Setting.API_TOKEN.variable() + " to the API token the server was started with");
        }
        URI uri;
        try {
            uri = URI.create(url + "/api/v1/vault/rotate-key");
            if (uri.getHost() == null) {
                throw new IllegalArgumentException("no host");
            }
        } catch (IllegalArgumentException e) {
            return fail(err, "not a server URL: " + url + " (example: --url http://localhost:8080)");
        }
        HttpResponse<String> response;
        try {
            response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build().send(
                    HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(10)).header("Authorization", "Bearer " + token)
                            .POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException | HttpConnectTimeoutException e) {
            return fail(err, "no QueueLens server answers at " + url + "; start it (./queuelens run) or point to it with "
                    + Setting.PORT.variable() + " or --url");
        } catch (IOException e) {
            return fail(err, "asking " + url + " to rotate the key failed: " + e);
        }
        String body = response.body();
        return switch (response.statusCode()) {
            case 200 -> {
                Optional<String> newKey = text(body, "newKeyId");
                Matcher values = Pattern.compile("\"values\"\\s*:\\s*(\\d+)").matcher(body);
                if (newKey.isEmpty() || !values.find()) {
                    err.println("queuelens: the server answered without rotation counts; is it a QueueLens server? " + body.strip());
                    yield 1;
                }
                Matcher retired = Pattern.compile("\"retiredKeyIds\"\\s*:\\s*\\[([^]]*)]").matcher(body);
                out.printf("Vault key rotated: new key %s, %s secret(s) re-encrypted, retired %s%n", newKey.get(), values.group(1),
                        retired.find() ? "[" + retired.group(1).replace("\"", "") + "]" : "[]");
                Matcher column = Pattern.compile("\"([a-z_]+\\.[a-z_]+)\"\\s*:\\s*(\\d+)").matcher(body);
                while (column.find()) {
                    out.printf("  %s: %s%n", column.group(1), column.group(2));
                }
                yield 0;
            }
            case 401, 403 -> fail(err, "the server refused the API token (" + response.statusCode() + "); check "
                    + Setting.API_TOKEN.variable() + " (the key rotation needs an ADMIN token)");
            case 409 -> fail(err, text(body, "error").orElse("the server cannot rotate its key (409)"));
            default -> {
                err.println("queuelens: the key rotation failed (HTTP " + response.statusCode() + "): "
                        + text(body, "error").orElse(body.strip()));
                yield 1;
            }
        };
    }

    private static Optional<String> text(String json, String field) {
        Matcher m = Pattern.compile("\"" + field + "\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(json == null ? "" : json);
        return m.find() ? Optional.of(m.group(1).replace("\\\"", "\"").replace("\\\\", "\\")) : Optional.empty();
    }

    private static int fail(PrintStream err, String message) {
        err.println("queuelens: " + message);
        return 2;
    }
}
