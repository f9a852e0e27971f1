package io.queuelens.ingest.control;

import io.queuelens.schema.control.LocalTransaction;
import io.queuelens.calls.control.CdrStore;
import io.queuelens.calls.control.Checkpoints;
import io.queuelens.calls.control.VisitCdrLinks;
import io.queuelens.calls.entity.AssemblerState;
import io.queuelens.calls.entity.CdrRecord;
import io.queuelens.calls.entity.Checkpoint;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a PBX's cdr table incrementally into {@code cdr_record} and links the rows to queue visits.
 * <p>
 * A cdr table has no id, and Asterisk writes a row when the call ends but stamps it with the call's
 * start: a long call's row appears behind rows already read. So the reader walks a keyset on
 * (time, uniqueid[, sequence]) and, once caught up, starts its next pass {@code overlap} before the
 * newest key it has seen (at most every {@code rescanEvery}; in between it continues from where it
 * stopped). Rows already stored are recognised by their natural key and skipped; the rest are upserts,
 * so nothing is lost or doubled. Rows, links and the checkpoint (the newest key seen) commit together;
 * after a restart the first pass starts {@code overlap} before the checkpoint.
 * Not thread-safe: one instance per source, driven by one timer.
 */
public final class CdrTableIngestion {

    public static final String READER = "cdr_table";
    private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");

    /** A position in the keyset order; {@code sequence} is {@link Integer#MIN_VALUE} when the table has none. */
    record Key(LocalDateTime time, String uniqueid, int sequence) implements Comparable<Key> {
        static final Key START = new Key(LocalDateTime.of(1000, 1, 1, 0, 0), "", Integer.MIN_VALUE);

        @Override
        public int compareTo(Key o) {
            int c = time.compareTo(o.time);
            if (c == 0) {
                c = uniqueid.compareTo(o.uniqueid);
            }
            return c != 0 ? c : Integer.compare(sequence, o.sequence);
        }

        String position() {
            return time + "|" + sequence + "|" + uniqueid;
        }

        static Key parse(String position) {
            if (position == null || position.equals("0")) {
                return START;
            }
            String[] p = position.split("\\|", 3);
            return new Key(LocalDateTime.parse(p[0]), p[2], Integer.parseInt(p[1]));
        }
    }

    /** What one step did: rows read from the PBX, new rows stored, and whether the table's end was reached. */
    public record Step(int read, int stored, boolean caughtUp) {
    }

    private final String tenantId;
    private final String sourceId;
    private final DataSource pbx;
    private final String table;
    private final ZoneId pbxZone;
    private final DataSource app;
    private final Duration overlap;
    private final Duration rescanEvery;
    private final Clock clock;

    private CdrLayout layout;
    private Key high;          // newest key seen and committed: the checkpoint
    private Key cursor;        // where the current pass continues
    private Set<String> known; // natural keys stored since the current pass began
    private Instant lastRescan;
    private Instant lastRelink; // when the last relink that succeeded began

    public CdrTableIngestion(String tenantId, String sourceId, DataSource pbx, String table, ZoneId pbxZone,
                             DataSource app, Duration overlap, Duration rescanEvery, Clock clock) {
        if (!TABLE_NAME.matcher(table).matches()) {
            throw new IllegalArgumentException("not a plain table name: " + table);
        }
        if (overlap.isNegative() || rescanEvery.isNegative()) {
            throw new IllegalArgumentException("overlap and rescanEvery must not be negative");
        }
        this.tenantId = Objects.requireNonNull(tenantId, "tenantId");
        this.sourceId = Objects.requireNonNull(sourceId, "sourceId");
        this.pbx = Objects.requireNonNull(pbx, "pbx");
        this.table = table;
        this.pbxZone = Objects.requireNonNull(pbxZone, "pbxZone");
        this.app = Objects.requireNonNull(app, "app");
        this.overlap = overlap;
        this.rescanEvery = rescanEvery;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * A relink looks at CDRs stored at most this long before the previous relink began, not further: a
     * race it has to repair needs both writers' transactions open at once, and none of those lasts this
     * long, so older rows were already looked at after both sides had committed.
     */
    static final Duration RELINK_OVERLAP = Duration.ofMinutes(1);

    /**
     * Links again the calls of CDRs stored within {@code window} (of calls that started within
     * {@code callsWithin}) that have no visit yet: a visit and its CDR committed at the same moment
     * each linked in its own transaction and could not see the other. After the first relink only what
     * was stored since the previous one began, less {@link #RELINK_OVERLAP}, is read again. Reading the whole
     * window at every tick (scanning its CDRs, and linking again those whose visit is not stored yet, which
     * its own write links when it comes) was a tenth of the demo server's CPU at 1,000 events/s.
     *
     * @return rows changed (visits plus CDRs)
     */
    public int relinkRecent(Duration window, Duration callsWithin) throws SQLException {
        Instant now = clock.instant();
        Instant storedSince = now.minus(window);
        if (lastRelink != null && lastRelink.minus(RELINK_OVERLAP).isAfter(storedSince)) {
            storedSince = lastRelink.minus(RELINK_OVERLAP);
        }
        Instant since = storedSince;
        int changed = LocalTransaction.call(app, c -> VisitCdrLinks.link(c, tenantId, sourceId,
                CdrStore.unlinkedCallIds(c, tenantId, sourceId, since, now.minus(callsWithin))));
        lastRelink = now;
        return changed;
    }

    /** Reads at most {@code maxRows} rows after the cursor and stores the new ones. On failure nothing is stored. */
    public Step step(int maxRows) throws SQLException {
        if (maxRows < 1) {
            throw new IllegalArgumentException("maxRows must be positive: " + maxRows);
        }
        if (high == null) {
            resume();
        }
        List<Row> rows = new ArrayList<>();
        boolean caughtUp;
        try (Connection c = pbx.getConnection()) {
            if (layout == null) {
                layout = CdrLayout.detect(c, table);
            }
            rows.addAll(read(c, cursor, maxRows + 1));
            caughtUp = rows.size() <= maxRows;
            if (!caughtUp) {
                Row next = rows.remove(rows.size() - 1);
                Key last = rows.get(rows.size() - 1).key();
                if (last.equals(next.key())) {
                    // never split rows of one key between two steps: the next step starts strictly after it
                    rows.removeIf(r -> r.key().equals(last));
                    if (rows.isEmpty()) {
                        rows.addAll(readKey(c, last)); // a batch of one key: take the whole key at once
                    }
                }
            }
        }
        List<CdrRecord> fresh = new ArrayList<>();
        Key newHigh = high;
        for (Row r : rows) {
            if (known.add(r.record().naturalKey())) {
                fresh.add(r.record());
            }
            if (r.key().compareTo(newHigh) > 0) {
                newHigh = r.key();
            }
        }
        Key newCursor = rows.isEmpty() ? cursor : rows.get(rows.size() - 1).key();
        if (!fresh.isEmpty() || !newHigh.equals(high)) {
            commit(fresh, newHigh);
        }
        high = newHigh;
        cursor = newCursor;
        if (caughtUp && !clock.instant().isBefore(lastRescan.plus(rescanEvery))) {
            startPass();
        }
        return new Step(rows.size(), fresh.size(), caughtUp);
    }

    private void commit(List<CdrRecord> fresh, Key newHigh) throws SQLException {
        try {
            LocalTransaction.run(app, c -> {
                CdrStore.upsert(c, fresh);
                Set<String> callIds = new LinkedHashSet<>();
                fresh.forEach(r -> callIds.addAll(r.callIds()));
                VisitCdrLinks.link(c, tenantId, sourceId, callIds);
                Checkpoints.save(c, tenantId, sourceId, READER, new Checkpoint(newHigh.position(), AssemblerState.EMPTY));
            });
        } catch (SQLException | RuntimeException e) {
            fresh.forEach(r -> known.remove(r.naturalKey()));
            high = null; // the next step resumes from the last committed checkpoint
            throw e;
        }
    }

    private void resume() throws SQLException {
        try (Connection c = app.getConnection()) {
            high = Checkpoints.load(c, tenantId, sourceId, READER).map(cp -> Key.parse(cp.position())).orElse(Key.START);
        }
        startPass();
    }

    /** The next pass starts {@code overlap} before the newest key, to pick up rows of calls that ended since. */
    private void startPass() throws SQLException {
        lastRescan = clock.instant();
        cursor = high.equals(Key.START) ? Key.START : new Key(high.time().minus(overlap), "", Integer.MIN_VALUE);
        Instant from = utc(cursor.time()).minus(Duration.ofHours(2)); // a local time repeated when DST ends
        try (Connection c = app.getConnection()) {
            known = CdrStore.keysSince(c, tenantId, sourceId, cursor.equals(Key.START) ? Instant.EPOCH : from);
        }
    }

    private record Row(Key key, CdrRecord record) {
    }

    private List<Row> read(Connection c, Key after, int limit) throws SQLException {
        String time = layout.timeColumn();
        String order = time + ", uniqueid" + (layout.hasSequence() ? ", sequence" : "");
        String where = layout.hasSequence()
                ? time + " >= ? AND (" + time + " > ? OR uniqueid > ? OR (uniqueid = ? AND sequence > ?))"
                : time + " >= ? AND (" + time + " > ? OR uniqueid > ?)";
        try (PreparedStatement ps = c.prepareStatement("SELECT " + selectList() + " FROM " + table + " WHERE " + where
                + " ORDER BY " + order + " LIMIT ?")) {
            int i = 1;
            ps.setObject(i++, after.time());
            ps.setObject(i++, after.time());
            ps.setString(i++, after.uniqueid());
            if (layout.hasSequence()) {
                ps.setString(i++, after.uniqueid());
                ps.setInt(i++, after.sequence());
            }
            ps.setInt(i, limit);
            return rows(ps);
        }
    }

    private List<Row> readKey(Connection c, Key key) throws SQLException {
        String time = layout.timeColumn();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + selectList() + " FROM " + table + " WHERE " + time
                + " = ? AND uniqueid = ?" + (layout.hasSequence() ? " AND sequence = ?" : ""))) {
            ps.setObject(1, key.time());
            ps.setString(2, key.uniqueid());
            if (layout.hasSequence()) {
                ps.setInt(3, key.sequence());
            }
            return rows(ps);
        }
    }

    private static final List<String> TEXT = List.of("clid", "src", "dst", "dcontext", "channel", "dstchannel",
            "lastapp", "lastdata", "disposition", "accountcode", "userfield", "uniqueid", "did", "cnam", "linkedid",
            "recordingfile");

    private String selectList() {
        List<String> cols = new ArrayList<>();
        cols.add(layout.timeColumn());
        cols.add("duration");
        cols.add("billsec");
        if (layout.hasSequence()) {
            cols.add("sequence");
        }
        TEXT.stream().filter(layout::has).forEach(cols::add);
        return String.join(", ", cols);
    }

    private List<Row> rows(PreparedStatement ps) throws SQLException {
        List<Row> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(row(rs));
            }
        }
        return out;
    }

    private Row row(ResultSet rs) throws SQLException {
        LocalDateTime local = rs.getObject(layout.timeColumn(), LocalDateTime.class);
        String uniqueid = text(rs, "uniqueid");
        Integer sequence = layout.hasSequence() ? rs.getInt("sequence") : null;
        Key key = new Key(local, uniqueid, sequence == null ? Integer.MIN_VALUE : sequence);
        String clid = text(rs, "clid");
        String naturalKey = sequence != null ? uniqueid + "#" + sequence
                : uniqueid + "@" + local + "#" + digest(clid, text(rs, "channel"), text(rs, "dstchannel"),
                text(rs, "lastapp"), text(rs, "lastdata"), text(rs, "disposition"), text(rs, "dst"),
                Integer.toString(rs.getInt("duration")), Integer.toString(rs.getInt("billsec")));
        CdrRecord record = new CdrRecord(tenantId, sourceId, naturalKey, utc(local), local, clid, text(rs, "src"),
                text(rs, "dst"), optional(rs, "did"), optional(rs, "cnam"), text(rs, "dcontext"), text(rs, "channel"),
                text(rs, "dstchannel"), text(rs, "lastapp"), text(rs, "lastdata"), rs.getInt("duration"),
                rs.getInt("billsec"), text(rs, "disposition"), text(rs, "accountcode"), text(rs, "userfield"),
                uniqueid, optional(rs, "linkedid"), sequence, optional(rs, "recordingfile"));
        return new Row(key, record);
    }

    private Instant utc(LocalDateTime local) {
        return local.atZone(pbxZone).toInstant();
    }

    private String text(ResultSet rs, String column) throws SQLException {
        if (!layout.has(column)) {
            return "";
        }
        String s = rs.getString(column);
        return s == null ? "" : s;
    }

    private String optional(ResultSet rs, String column) throws SQLException {
        String s = text(rs, column);
        return s.isBlank() ? null : s;
    }

    private static String digest(String... parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String p : parts) {
                sha.update(p.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public CdrLayout layout() {
        return layout;
    }
}
