package io.queuelens.sources.genesys.control;

import io.queuelens.calls.control.FactBatch;
import io.queuelens.calls.entity.AssemblerState;
import io.queuelens.calls.entity.Checkpoint;
import io.queuelens.ingest.control.FactCommitter;
import io.queuelens.rollups.control.QueueRollupRefresher;
import io.queuelens.sources.genesys.entity.GenesysApiException;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Reads an org's conversation details ({@code POST /api/v2/analytics/conversations/details/query},
 * paged, by interval) into queue visits through the same commit path as the PBX readers
 * ({@link FactCommitter}: facts, rollups and checkpoint in one transaction), one interval chunk at a time.
 * <p>
 * Incremental: the checkpoint is the end of the last interval read. Conversations finish late (a call
 * that started at 09:59 may be talked about until 10:30) and the details query selects by start, so
 * every run reads again from the checkpoint minus an overlap window; the visits' natural keys make the
 * second reading replace the first (an OPEN visit becomes its final form), never add to it.
 */
public final class GenesysHistoryImport {

    public static final String READER = "genesys-details";
    static final String DETAILS = "/api/v2/analytics/conversations/details/query";
    static final int MAX_PAGES = 1000;

    /** What one run read. */
    public record Result(Instant from, Instant to, int conversations, int visits, int skipped) {
    }

    private final GenesysApi api;
    private final FactCommitter committer;
    private final GenesysDetailsMapper mapper;
    private final Duration chunk;
    private final int pageSize;

    /**
     * @param chunk    the interval of one details query and one commit (e.g. 1 h)
     * @param pageSize conversations per page (Genesys allows up to 100)
     */
    public GenesysHistoryImport(GenesysApi api, DataSource app, String tenantId, String sourceId,
                                QueueRollupRefresher rollups, Duration chunk, int pageSize) {
        this.api = api;
        this.committer = new FactCommitter(app, tenantId, sourceId, READER, rollups);
        this.mapper = new GenesysDetailsMapper(tenantId, sourceId);
        this.chunk = chunk;
        this.pageSize = pageSize;
    }

    /** Where the last run got to (the end of its last interval), if any run committed. */
    public Optional<Instant> checkpoint() throws SQLException {
        return committer.lastCheckpoint().map(c -> Instant.ofEpochMilli(c.positionAsLong()));
    }

    /**
     * Reads from the checkpoint minus {@code overlap} (or {@code now - backfill} the first time) up to {@code now}.
     */
    public Result incremental(Instant now, Duration overlap, Duration backfill)
            throws SQLException, GenesysApiException, InterruptedException {
        Instant from = checkpoint().map(c -> c.minus(overlap)).orElse(now.minus(backfill));
        return read(from, now);
    }

    /**
     * Reads {@code [from, to)} again (e.g. a day, on request). The checkpoint never moves back: it becomes the
     * later of where it was and {@code to}.
     */
    public Result read(Instant from, Instant to) throws SQLException, GenesysApiException, InterruptedException {
        if (!from.isBefore(to)) {
            return new Result(from, to, 0, 0, 0);
        }
        Instant checkpoint = checkpoint().orElse(Instant.EPOCH);
        int conversations = 0;
        int visits = 0;
        int skipped = 0;
        for (Instant start = from; start.isBefore(to); start = start.plus(chunk)) {
            Instant end = start.plus(chunk).isAfter(to) ? to : start.plus(chunk);
            FactBatch batch = new FactBatch();
            for (JsonObject c : conversations(start, end)) {
                conversations++;
                if (!mapper.map(c, batch)) {
                    skipped++;
                }
            }
            visits += batch.visits().size();
            if (end.isAfter(checkpoint)) {
                checkpoint = end;
            }
            committer.commit(batch, List.of(), new Checkpoint(Long.toString(checkpoint.toEpochMilli()), AssemblerState.EMPTY),
                    "genesys:");
        }
        return new Result(from, to, conversations, visits, skipped);
    }

    /** Every conversation that started in {@code [from, to)}, page by page. */
    private List<JsonObject> conversations(Instant from, Instant to) throws GenesysApiException, InterruptedException {
        List<JsonObject> all = new java.util.ArrayList<>();
        for (int page = 1; page <= MAX_PAGES; page++) {
            JsonObject answer = api.post(DETAILS, query(from, to, page));
            JsonValue list = answer.get("conversations");
            if (list == null || list.getValueType() != JsonValue.ValueType.ARRAY || list.asJsonArray().isEmpty()) {
                return all;
            }
            list.asJsonArray().stream().filter(v -> v.getValueType() == JsonValue.ValueType.OBJECT)
                    .map(JsonValue::asJsonObject).forEach(all::add);
            JsonValue total = answer.get("totalHits");
            if (total != null && total.getValueType() == JsonValue.ValueType.NUMBER
                    && (long) page * pageSize >= answer.getJsonNumber("totalHits").longValue()) {
                return all;
            }
        }
        throw new GenesysApiException(GenesysApiException.Kind.REQUEST, 200, "more than " + MAX_PAGES
                + " pages of conversation details for " + from + "/" + to + "; use a shorter chunk");
    }

    JsonObject query(Instant from, Instant to, int page) {
        return Json.createObjectBuilder()
                .add("interval", from + "/" + to)
                .add("order", "asc")
                .add("orderBy", "conversationStart")
                .add("paging", Json.createObjectBuilder().add("pageSize", pageSize).add("pageNumber", page))
                .build();
    }
}
