package io.queuelens.cli;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ./queuelens import-queue-log --tenant T [--source S] [--url URL] FILE}: sends a queue_log file to
 * a running server ({@code POST /api/v1/imports/queue-log}) with the API token and prints the counts.
 * The file is streamed from disk, so its size does not matter to this process either. Every problem the
 * operator can fix ends in one sentence and exit code 2.
 */
final class ImportQueueLogCommand {

    static final String USAGE = "usage: ./queuelens import-queue-log --tenant TENANT [--source SOURCE] [--url URL] FILE";

    private static final List<String> COUNTS = List.of("linesRead", "visits", "quarantined", "bucketsRefreshed");

    private final Map<String, String> env;
    private final PrintStream out;
    private final PrintStream err;

    private ImportQueueLogCommand(Map<String, String> env, PrintStream out, PrintStream err) {
        this.env = env;
        this.out = out;
        this.err = err;
    }

    /** @param args the arguments after the command name */
    static int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) throws InterruptedException {
        return new ImportQueueLogCommand(env, out, err).run(args);
    }

    private record Arguments(String tenant, String source, String url, Path file) {
    }

    private int run(List<String> args) throws InterruptedException {
        Arguments a;
        try {
            a = parse(args);
            a = new Arguments(a.tenant(), a.source(), defaultUrl(a.url()), a.file());
        } catch (IllegalArgumentException e) {
            return fail(e.getMessage() + "\n" + USAGE);
        }
        if (!Files.isRegularFile(a.file())) {
            return fail("no such file: " + a.file());
        }
        String token = env.getOrDefault(Setting.API_TOKEN.variable(), "").strip();
        if (token.isEmpty()) {
            return fail("set " + Setting.API_TOKEN.variable() + " to the API token the server was started with");
        }
        URI uri;
        try {
            uri = URI.create(stripSlash(a.url()) + "/api/v1/imports/queue-log?tenant=" + encode(a.tenant())
                    + "&source=" + encode(a.source()) + "&name=" + encode(nameOf(a.file())));
            if (uri.getHost() == null) {
                throw new IllegalArgumentException("no host");
            }
        } catch (IllegalArgumentException e) {
            return fail("not a server URL: " + a.url() + " (example: --url http://localhost:8080)");
        }
        HttpResponse<String> response;
        try {
            // HTTP/1.1: an h2c upgrade attempt would have to resend a body that is being streamed
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(10)).build();
            HttpRequest request = HttpRequest.newBuilder(uri)
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/octet-stream")
                    .POST(HttpRequest.BodyPublishers.ofFile(a.file()))
                    .build();
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (FileNotFoundException e) {
            return fail("no such file: " + a.file());
        } catch (ConnectException | HttpConnectTimeoutException e) {
            return fail("no QueueLens server answers at " + stripSlash(a.url()) + "; start it (./queuelens run) or point to it with "
                    + Setting.PORT.variable() + " or --url");
        } catch (IOException e) {
            return fail("sending " + a.file() + " to " + stripSlash(a.url()) + " failed: " + e);
        }
        return report(a, response);
    }

    private int report(Arguments a, HttpResponse<String> response) {
        String body = response.body();
        return switch (response.statusCode()) {
            case 200 -> {
                if (!COUNTS.stream().allMatch(f -> field(body, f).find())) {
                    err.println("queuelens: " + response.uri().getHost() + " answered without import counts; is it a QueueLens server? " + body.strip());
                    yield 1;
                }
                out.printf("Imported %s into %s/%s: %d lines read, %d visits, %d quarantined, %d rollup buckets refreshed%n",
                        a.file(), a.tenant(), a.source(), number(body, "linesRead"), number(body, "visits"),
                        number(body, "quarantined"), number(body, "bucketsRefreshed"));
                yield 0;
            }
            case 401, 403 -> fail("the server refused the API token (" + response.statusCode() + "); check "
                    + Setting.API_TOKEN.variable());
            case 404 -> fail(errorText(body).orElse("the server has no import endpoint (404) at " + response.uri()));
            case 400 -> fail(errorText(body).orElse("the server rejected the request (400)"));
            default -> {
                err.println("queuelens: the import failed (HTTP " + response.statusCode() + "): "
                        + errorText(body).orElse(body.strip()));
                yield 1;
            }
        };
    }

    private static Arguments parse(List<String> args) {
        String tenant = null;
        String source = "import";
        String url = null;
        Path file = null;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--tenant" -> tenant = value(args, ++i, arg);
                case "--source" -> source = value(args, ++i, arg);
                case "--url" -> url = value(args, ++i, arg);
                default -> {
                    if (arg.startsWith("--")) {
                        throw new IllegalArgumentException("unknown option " + arg);
                    }
                    if (file != null) {
                        throw new IllegalArgumentException("one FILE only, got " + file + " and " + arg);
                    }
                    file = Path.of(arg);
                }
            }
        }
        if (tenant == null) {
            throw new IllegalArgumentException("import-queue-log needs --tenant TENANT");
        }
        if (file == null) {
            throw new IllegalArgumentException("import-queue-log needs the queue_log FILE to import");
        }
        return new Arguments(tenant, source, url, file);
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size() || args.get(i).startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(i);
    }

    private String defaultUrl(String url) {
        return url != null ? url : "http://localhost:" + env.getOrDefault(Setting.PORT.variable(), Setting.PORT.defaultValue());
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** The server keys quarantined lines by this name; it accepts A-Z a-z 0-9 . _ - and at most 49 of them. */
    static String nameOf(Path file) {
        String n = file.getFileName().toString().replaceAll("[^A-Za-z0-9._-]", "_");
        return n.length() > 49 ? n.substring(n.length() - 49) : n;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static Matcher field(String json, String field) {
        return Pattern.compile("\"" + field + "\"\\s*:\\s*(\\d+)").matcher(json);
    }

    private static long number(String json, String field) {
        Matcher m = field(json, field);
        if (!m.find()) {
            throw new IllegalStateException("no " + field + " in " + json); // checked before
        }
        return Long.parseLong(m.group(1));
    }

    /** The {@code error} of the API's JSON error body (ApiErrors), if the body is one. */
    private static java.util.Optional<String> errorText(String json) {
        Matcher m = Pattern.compile("\"error\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(json == null ? "" : json);
        return m.find() ? java.util.Optional.of(m.group(1).replace("\\\"", "\"").replace("\\\\", "\\")) : java.util.Optional.empty();
    }

    private int fail(String message) {
        err.println("queuelens: " + message);
        return 2;
    }
}
