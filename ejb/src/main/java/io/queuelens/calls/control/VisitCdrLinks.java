package io.queuelens.calls.control;

import io.queuelens.schema.control.InList;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Links queue visits and CDRs of the same call, in both directions: the visit gets the CDR's recording
 * file, DID and caller name (only where it has none: queue_log's own values win), the CDR gets the
 * queue and agent of the call. A CDR belongs to the visits whose call id is its {@code uniqueid}, else
 * its {@code linkedid} (an agent leg's CDR carries the caller's uniqueid as linkedid).
 * <p>
 * Either side may arrive first, so both writers call {@link #link} with the call ids they just wrote,
 * inside their own transaction; it is idempotent, and a call whose two halves were committed at the
 * same moment (neither saw the other) is caught by the CDR ingestion's periodic sweep.
 */
public final class VisitCdrLinks {

    private static final int CHUNK = 500;

    private VisitCdrLinks() {
    }

    private record Visit(long id, String callId, int seq, String queue, String agent, boolean answered,
                         String recording, String did, String callerName) {
    }

    private record Cdr(long id, String uniqueid, String linkedid, String did, String callerName, String recording,
                       boolean answered, String visitCallId, String queue, String agent) {
    }

    /** @return rows changed (visits plus CDRs) */
    public static int link(Connection c, String tenantId, String sourceId, Collection<String> callIds) throws SQLException {
        List<String> ids = new ArrayList<>(new LinkedHashSet<>(callIds));
        ids.removeIf(id -> id == null || id.isEmpty());
        if (ids.isEmpty() || !hasCdrs(c, tenantId, sourceId)) {
            return 0;
        }
        InList in = InList.of(c);
        Map<Long, Cdr> cdrs = new HashMap<>();
        int size = in.chunk(CHUNK);
        for (int from = 0; from < ids.size(); from += size) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + size));
            // two reads, one per index: with "uniqueid IN (..) OR linkedid IN (..)" H2 read every CDR of the source
            readCdrs(c, in, tenantId, sourceId, "uniqueid", chunk, cdrs);
            readCdrs(c, in, tenantId, sourceId, "linkedid", chunk, cdrs);
        }
        // Only the visits of calls a CDR names (uniqueid or linkedid, which reaches the other side of
        // the pair) can change; reading back every visit just written cost a bulk import a sixth of its time.
        Set<String> named = new LinkedHashSet<>();
        for (Cdr r : cdrs.values()) {
            for (String id : new String[]{r.uniqueid(), r.linkedid()}) {
                if (id != null && !id.isEmpty()) {
                    named.add(id);
                }
            }
        }
        Map<String, List<Visit>> visits = new HashMap<>();
        List<String> wanted = new ArrayList<>(named);
        for (int from = 0; from < wanted.size(); from += size) {
            readVisits(c, in, tenantId, sourceId, wanted.subList(from, Math.min(wanted.size(), from + size)), visits);
        }

        Map<String, List<Cdr>> byCall = new HashMap<>();
        for (Cdr r : cdrs.values()) {
            String call = visits.containsKey(r.uniqueid()) ? r.uniqueid()
                    : r.linkedid() != null && visits.containsKey(r.linkedid()) ? r.linkedid() : null;
            if (call != null) {
                byCall.computeIfAbsent(call, k -> new ArrayList<>()).add(r);
            }
        }
        int changed = 0;
        try (PreparedStatement visitUpdate = c.prepareStatement("UPDATE queue_visit SET recording_file = ?, did = ?, "
                + "caller_name = ? WHERE id = ? AND tenant_id = ?");
             PreparedStatement cdrUpdate = c.prepareStatement("UPDATE cdr_record SET visit_call_id = ?, queue = ?, "
                     + "agent = ? WHERE id = ? AND tenant_id = ?")) {
            for (Map.Entry<String, List<Cdr>> e : byCall.entrySet()) {
                List<Visit> vs = visits.get(e.getKey());
                vs.sort(Comparator.comparingInt(Visit::seq));
                List<Cdr> rs = e.getValue();
                // answered legs first, then in the order they were stored
                rs.sort(Comparator.comparing((Cdr r) -> !r.answered()).thenComparingLong(Cdr::id));
                String recording = first(rs, Cdr::recording);
                String did = first(rs, Cdr::did);
                String callerName = first(rs, Cdr::callerName);
                for (Visit v : vs) {
                    String newRecording = recording != null ? recording : v.recording();
                    String newDid = v.did() != null ? v.did() : did;
                    String newName = v.callerName() != null ? v.callerName() : callerName;
                    if (!Objects.equals(newRecording, v.recording()) || !Objects.equals(newDid, v.did())
                            || !Objects.equals(newName, v.callerName())) {
                        visitUpdate.setString(1, newRecording);
                        visitUpdate.setString(2, newDid);
                        visitUpdate.setString(3, newName);
                        visitUpdate.setLong(4, v.id());
                        visitUpdate.setString(5, tenantId);
                        visitUpdate.addBatch();
                        changed++;
                    }
                }
                // the queue where the call was answered, else the last it waited in
                Visit decisive = vs.stream().filter(Visit::answered).reduce((a, b) -> b).orElse(vs.get(vs.size() - 1));
                String agent = decisive.answered() ? decisive.agent() : null;
                for (Cdr r : rs) {
                    if (!Objects.equals(e.getKey(), r.visitCallId()) || !Objects.equals(decisive.queue(), r.queue())
                            || !Objects.equals(agent, r.agent())) {
                        cdrUpdate.setString(1, e.getKey());
                        cdrUpdate.setString(2, decisive.queue());
                        cdrUpdate.setString(3, agent);
                        cdrUpdate.setLong(4, r.id());
                        cdrUpdate.setString(5, tenantId);
                        cdrUpdate.addBatch();
                        changed++;
                    }
                }
            }
            visitUpdate.executeBatch();
            cdrUpdate.executeBatch();
        }
        return changed;
    }

    private static String first(List<Cdr> rows, java.util.function.Function<Cdr, String> column) {
        return rows.stream().map(column).filter(s -> s != null && !s.isEmpty()).findFirst().orElse(null);
    }

    private static void readVisits(Connection c, InList in, String tenantId, String sourceId, List<String> callIds,
                                   Map<String, List<Visit>> into) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id, call_id, visit_seq, queue, agent, outcome, "
                + "recording_file, did, caller_name FROM queue_visit WHERE tenant_id = ? AND source_id = ? AND "
                + in.sql("call_id", callIds.size()))) {
            ps.setString(1, tenantId);
            ps.setString(2, sourceId);
            in.bind(ps, 3, callIds);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Visit v = new Visit(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getString(4), rs.getString(5),
                            "ANSWERED".equals(rs.getString(6)), rs.getString(7), rs.getString(8), rs.getString(9));
                    List<Visit> list = into.computeIfAbsent(v.callId(), k -> new ArrayList<>());
                    if (list.stream().noneMatch(x -> x.id() == v.id())) {
                        list.add(v);
                    }
                }
            }
        }
    }

    /**
     * Whether the source has any CDR: a queue_log imported before (or without) its CDR table has none, and looking
     * its calls up by uniqueid and by linkedid was two statements per 500 calls of every commit, all finding nothing.
     * A CDR committed after this look is linked by the CDR's own writer, as when the reads below miss it.
     */
    private static boolean hasCdrs(Connection c, String tenantId, String sourceId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM cdr_record WHERE tenant_id = ? AND source_id = ?")) {
            ps.setMaxRows(1);
            ps.setString(1, tenantId);
            ps.setString(2, sourceId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** The CDRs whose {@code column} (uniqueid or linkedid) is one of {@code callIds}. */
    private static void readCdrs(Connection c, InList in, String tenantId, String sourceId, String column,
                                 List<String> callIds, Map<Long, Cdr> into) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id, uniqueid, linkedid, did, caller_name, recording_file, "
                + "disposition, visit_call_id, queue, agent FROM cdr_record WHERE tenant_id = ? AND source_id = ? AND "
                + in.sql(column, callIds.size()))) {
            ps.setString(1, tenantId);
            ps.setString(2, sourceId);
            in.bind(ps, 3, callIds);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    into.put(rs.getLong(1), new Cdr(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), "ANSWERED".equals(rs.getString(7)), rs.getString(8),
                            rs.getString(9), rs.getString(10)));
                }
            }
        }
    }
}
