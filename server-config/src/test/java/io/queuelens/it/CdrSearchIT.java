package io.queuelens.it;

import io.queuelens.it.support.SharedMariaDbServer;
import io.queuelens.it.support.SharedMariaDbServer.Deployment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CDRs on the deployed server (MariaDB): the demo's demo_cdr rows become cdr_record rows linked to
 * their queue visits, a recorded call's audio is served with Range support (206, the bytes asked for),
 * and a stored file name that points outside the recordings root or another tenant's CDR is refused.
 * The page itself: {@link RecordingPlaybackBrowserIT}.
 */
@ExtendWith(SharedMariaDbServer.class)
class CdrSearchIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /**
     * The CDRs this test plants share the server with the other tests: they are dated long ago, out of every
     * other test's window, and removed afterwards. Dated now(), they were once the newest answered calls on
     * the CDR page (at night the demo's calls are sparse) and RecordingPlaybackBrowserIT played one of them.
     */
    private static final String PLANTED_AT = "2001-01-01 12:00:00";
    private static final String PLANTED_SOURCE = "it-cdr-search";

    record Recorded(long id, String file) {
    }

    @AfterEach
    void removePlantedCdrs(Deployment d) throws Exception {
        try (Connection c = d.database().connect();
             PreparedStatement ps = c.prepareStatement("delete from cdr_record where source_id = ?")) {
            ps.setString(1, PLANTED_SOURCE);
            ps.executeUpdate();
        }
    }

    @Test
    void aDemoRecordingIsStreamedWithRangesAndTraversalIsRefused(Deployment d) throws Exception {
        Recorded rec = awaitRecordedCdr(d);
        byte[] expected = Files.readAllBytes(findFile(d, rec.file()));
        assertThat(expected.length).isGreaterThan(1000);

        HttpResponse<byte[]> part = get(d, "/api/v1/cdrs/" + rec.id() + "/recording?tenant=demo", "bytes=4-103");
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.headers().firstValue("Content-Range")).contains("bytes 4-103/" + expected.length);
        assertThat(part.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("audio/wav"));
        assertThat(part.headers().firstValue("Accept-Ranges")).contains("bytes");
        assertThat(part.body()).isEqualTo(Arrays.copyOfRange(expected, 4, 104));

        HttpResponse<byte[]> whole = get(d, "/api/v1/cdrs/" + rec.id() + "/recording?tenant=demo", null);
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.body()).isEqualTo(expected);
        assertThat(get(d, "/api/v1/cdrs/" + rec.id() + "/recording?tenant=demo", "bytes=999999-").statusCode()).isEqualTo(416);

        // without credentials: 401; another tenant's id: 404; a bad id: 400
        assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(d.server().url("/api/v1/cdrs/" + rec.id() + "/recording?tenant=demo")))
                .build(), HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(401);
        long otherTenant = insertCdr(d, "other", rec.file(), "it-other");
        assertThat(get(d, "/api/v1/cdrs/" + otherTenant + "/recording?tenant=demo", null).statusCode()).isEqualTo(404);
        assertThat(get(d, "/api/v1/cdrs/abc/recording?tenant=demo", null).statusCode()).isEqualTo(400);

        // file names that lead outside the recordings root: refused, never served
        for (String evil : new String[]{"../../../../../../etc/passwd", "/etc/passwd", "2026/../../../etc/passwd",
                "..\\..\\etc\\passwd"}) {
            long id = insertCdr(d, "demo", evil, "it-evil-" + Math.abs(evil.hashCode()));
            HttpResponse<byte[]> r = get(d, "/api/v1/cdrs/" + id + "/recording?tenant=demo", null);
            assertThat(r.statusCode()).as(evil).isEqualTo(400);
            assertThat(new String(r.body())).as(evil).doesNotContain("root:");
        }
        // encoded tricks in the URL itself
        for (String path : new String[]{"/api/v1/cdrs/..%2F..%2Fetc%2Fpasswd/recording?tenant=demo",
                "/api/v1/cdrs/%2e%2e/recording?tenant=demo", "/api/v1/cdrs/1%00/recording?tenant=demo"}) {
            HttpResponse<byte[]> r = get(d, path, null);
            assertThat(r.statusCode()).as(path).isBetween(400, 404);
            assertThat(new String(r.body())).as(path).doesNotContain("root:");
        }
    }

    /** A recent demo CDR with a recording, once the CDR ingestion has linked it to its visit. */
    static Recorded awaitRecordedCdr(Deployment d) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(180));
        while (true) {
            try (Connection c = d.database().connect(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select r.id, r.recording_file from cdr_record r join queue_visit v "
                         + "on v.tenant_id = r.tenant_id and v.call_id = r.uniqueid and v.recording_file = r.recording_file "
                         + "where r.tenant_id = 'demo' and r.queue is not null order by r.calldate desc limit 1")) {
                if (rs.next()) {
                    return new Recorded(rs.getLong(1), rs.getString(2));
                }
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("no linked, recorded CDR 180 s after start; log: " + d.server().dataDir().resolve("logs/server.log"));
            }
            Thread.sleep(1000);
        }
    }

    /**
     * A recording's file under the server's default recordings root (data/recordings). The demo keeps
     * recording while this walks: it writes each file as a dot-named temp file and renames it, so an entry
     * listed a moment ago may be gone when the walk reads it. Such entries are skipped, not fatal.
     */
    private static Path findFile(Deployment d, String name) throws Exception {
        Path[] found = new Path[1];
        Files.walkFileTree(d.server().dataDir().resolve("recordings"), new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (file.getFileName().toString().equals(name)) {
                    found[0] = file;
                    return FileVisitResult.TERMINATE;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }
        });
        if (found[0] == null) {
            throw new AssertionError("the demo wrote no file " + name);
        }
        return found[0];
    }

    private static long insertCdr(Deployment d, String tenant, String recordingFile, String key) throws Exception {
        return insertCdr(d, tenant, PLANTED_SOURCE, recordingFile, key, PLANTED_AT);
    }

    /** An answered CDR of {@code source} at {@code calldate} (UTC and local alike), its uniqueid and src the key. */
    static long insertCdr(Deployment d, String tenant, String source, String recordingFile, String key, String calldate)
            throws Exception {
        try (Connection c = d.database().connect(); PreparedStatement ps = c.prepareStatement("insert into cdr_record (tenant_id, "
                + "source_id, natural_key, calldate, calldate_local, clid, src, dst, dcontext, channel, dstchannel, lastapp, "
                + "lastdata, duration, billsec, disposition, accountcode, userfield, uniqueid, recording_file, ingested_at) "
                + "values (?, ?, ?, ?, ?, '', ?, '2', '', '', '', '', '', 1, 1, 'ANSWERED', '', '', ?, ?, now())",
                Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, tenant);
            ps.setString(2, source);
            ps.setString(3, key);
            ps.setString(4, calldate);
            ps.setString(5, calldate);
            ps.setString(6, key);
            ps.setString(7, key);
            ps.setString(8, recordingFile);
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    private static HttpResponse<byte[]> get(Deployment d, String path, String range) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(d.server().url(path))).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + SharedMariaDbServer.API_TOKEN);
        if (range != null) {
            b.header("Range", range);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
