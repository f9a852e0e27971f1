package io.queuelens.sources.genesys.control;

import io.queuelens.sources.genesys.entity.GenesysObservationSnapshot;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import org.asteriskjava.manager.event.ManagerEvent;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The live side of one Genesys org: a {@link GenesysNotificationChannel} subscribed to the org's
 * queues' conversation topics and their members' presence and routing-status topics, whose
 * notifications and observation resyncs go through a {@link GenesysLiveTranslator} into the tenant's
 * live model. Every REST call goes through the org's API client ({@link Rest}).
 */
public final class GenesysLiveSession implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(GenesysLiveSession.class.getName());

    static final String CHANNELS = "/api/v2/notifications/channels";
    static final String QUEUES = "/api/v2/routing/queues";
    static final String OBSERVATIONS = "/api/v2/analytics/queues/observations/query";
    static final int PAGE_SIZE = 100;
    /** A runaway paging (a service that always says there is more) stops here. */
    static final int MAX_PAGES = 500;

    /** The org's REST client (OAuth, rate limits, retries): paths relative to the API base. */
    public interface Rest {
        JsonObject get(String pathAndQuery) throws Exception;

        JsonObject post(String path, JsonStructure body) throws Exception;

        void put(String path, JsonStructure body) throws Exception;
    }

    /** Where the translated events go (the tenant's live inlet in production). */
    public interface Feed {
        void accept(ManagerEvent event);

        void connected(boolean up);

        default Map<String, Long> counters() {
            return Map.of();
        }

        /**
         * The org's queues as the queue list names them (Genesys id -> name), after every read of the list:
         * the model and the facts key queues by id, people know them by name.
         */
        default void queueNames(Map<String, String> names) {
        }
    }

    /** The org's queues (Genesys ids, in list order) with their member entities, and their names. */
    private record OrgRead(Map<String, List<JsonObject>> members, Map<String, String> names) {

        List<String> topics() {
            List<String> topics = new ArrayList<>();
            Set<String> users = new LinkedHashSet<>();
            for (Map.Entry<String, List<JsonObject>> q : members.entrySet()) {
                topics.add("v2.routing.queues." + q.getKey() + ".conversations");
                for (JsonObject m : q.getValue()) {
                    JsonObject user = GenesysLiveTranslator.object(m, "user");
                    String userId = GenesysLiveTranslator.text(user, "id") != null
                            ? GenesysLiveTranslator.text(user, "id") : GenesysLiveTranslator.text(m, "id");
                    if (userId != null) {
                        users.add(userId);
                    }
                }
            }
            for (String u : users) {
                topics.add("v2.users." + u + ".presence");
                topics.add("v2.users." + u + ".routingStatus");
            }
            return topics;
        }
    }

    private final Rest rest;
    private final Feed feed;
    private final GenesysLiveTranslator translator;
    private final GenesysNotificationChannel channel;
    private final Broker broker = new Broker();
    private volatile OrgRead org;
    /** true from the read for a (re)subscription until the resync right after it, which uses that read */
    private volatile boolean justRead;
    /** the topics of the channel in use, as last subscribed */
    private volatile List<String> subscribed = List.of();

    /**
     * @param queueName the live model's name for a Genesys queue id
     */
    public GenesysLiveSession(String tenantId, String name, Rest rest, Feed feed, Function<String, String> queueName,
                              GenesysNotificationChannel.Settings settings, ScheduledExecutorService scheduler,
                              HttpClient http) {
        this.rest = rest;
        this.feed = feed;
        this.translator = new GenesysLiveTranslator(queueName);
        this.channel = new GenesysNotificationChannel(tenantId, name, broker, new Listener(), settings, scheduler, http);
    }

    public void start() {
        channel.start();
    }

    /** Reads the observations again now (the live model dropped events it could not keep up with). */
    public void requestResync() {
        channel.resync();
    }

    /** The connection as the operations page, health checks and metrics see it. */
    public GenesysNotificationChannel source() {
        return channel;
    }

    @Override
    public void close() {
        channel.close();
    }

    // ---- the REST side of the channel

    private final class Broker implements GenesysNotificationChannel.Broker {
        @Override
        public GenesysNotificationChannel.ChannelInfo create() throws Exception {
            JsonObject c = rest.post(CHANNELS, JsonValue.EMPTY_JSON_OBJECT);
            String id = GenesysLiveTranslator.text(c, "id");
            String uri = GenesysLiveTranslator.text(c, "connectUri");
            if (id == null || uri == null) {
                throw new IllegalStateException("the new channel has no id or connectUri: " + c);
            }
            Instant expires = null;
            String e = GenesysLiveTranslator.text(c, "expires");
            if (e != null) {
                try {
                    expires = Instant.parse(e);
                } catch (DateTimeParseException bad) {
                    expires = null; // then only silence and closings renew it
                }
            }
            return new GenesysNotificationChannel.ChannelInfo(id, URI.create(uri), expires);
        }

        @Override
        public void subscribe(String channelId, List<String> topics) throws Exception {
            JsonArrayBuilder body = Json.createArrayBuilder();
            topics.forEach(t -> body.add(Json.createObjectBuilder().add("id", t)));
            rest.put(CHANNELS + "/" + enc(channelId) + "/subscriptions", body.build());
            subscribed = List.copyOf(topics);
        }

        @Override
        public List<String> topics() throws Exception {
            OrgRead read = readOrg();
            org = read;
            justRead = true;
            return read.topics();
        }
    }

    private final class Listener implements GenesysNotificationChannel.Listener {
        @Override
        public void notification(String topic, JsonObject body) {
            translator.translate(topic, body).forEach(feed::accept);
        }

        @Override
        public void resync() throws Exception {
            OrgRead read = org;
            if (read == null || !justRead) {
                // a periodic or requested resync: queues and members may have changed since the subscription
                read = readOrg();
                org = read;
                List<String> topics = read.topics();
                GenesysNotificationChannel.ChannelInfo current = channel.channel();
                if (current != null && !new HashSet<>(topics).equals(new HashSet<>(subscribed))
                        && topics.size() <= GenesysNotificationChannel.MAX_TOPICS) {
                    broker.subscribe(current.id(), topics);
                }
            }
            justRead = false;
            GenesysObservationSnapshot snapshot = observe(read);
            translator.resync(snapshot, Instant.now()).forEach(feed::accept);
        }

        @Override
        public void connected(boolean up) {
            feed.connected(up);
        }

        @Override
        public Map<String, Long> counters() {
            Map<String, Long> m = new LinkedHashMap<>(feed.counters());
            OrgRead read = org;
            m.put("queues", read == null ? 0L : read.members().size());
            return m;
        }
    }

    /** The org's queues (paged) and each queue's members (paged). */
    private OrgRead readOrg() throws Exception {
        Map<String, List<JsonObject>> read = new LinkedHashMap<>();
        Map<String, String> names = new LinkedHashMap<>();
        for (JsonObject q : pages(QUEUES + "?")) {
            String id = GenesysLiveTranslator.text(q, "id");
            if (id != null) {
                read.put(id, List.of());
                String name = GenesysLiveTranslator.text(q, "name");
                if (name != null && !name.isBlank() && !name.equals(id)) {
                    names.put(id, name);
                }
            }
        }
        for (String q : new ArrayList<>(read.keySet())) {
            read.put(q, members(q));
        }
        if (!names.isEmpty()) {
            try {
                feed.queueNames(Map.copyOf(names));
            } catch (RuntimeException e) { // names are a nicety: the live picture does not wait for them
                LOG.log(Level.WARNING, "the Genesys queue names could not be handed over: {0}", e.toString());
            }
        }
        return new OrgRead(read, names);
    }

    /** The org right now: observations of its queues, and their members with presence and routing status. */
    private GenesysObservationSnapshot observe(OrgRead read) throws Exception {
        List<String> ids = new ArrayList<>(read.members().keySet());
        GenesysObservationReader reader = new GenesysObservationReader(ids);
        for (List<String> batch : GenesysObservationReader.batches(ids)) {
            reader.observations(rest.post(OBSERVATIONS, GenesysObservationReader.query(batch)));
        }
        for (Map.Entry<String, List<JsonObject>> q : read.members().entrySet()) {
            JsonArrayBuilder a = Json.createArrayBuilder();
            q.getValue().forEach(a::add);
            reader.members(q.getKey(), a.build());
        }
        return reader.snapshot();
    }

    private List<JsonObject> members(String queueId) throws Exception {
        return pages(QUEUES + "/" + enc(queueId) + "/members?expand=routingStatus,presence&");
    }

    /** Every entity of a paged list ({@code entities[], pageNumber, pageCount}). */
    private List<JsonObject> pages(String pathAndQueryPrefix) throws Exception {
        List<JsonObject> all = new ArrayList<>();
        for (int page = 1; page <= MAX_PAGES; page++) {
            JsonObject answer = rest.get(pathAndQueryPrefix + "pageSize=" + PAGE_SIZE + "&pageNumber=" + page);
            JsonArray entities = GenesysLiveTranslator.array(answer, "entities");
            if (entities == null) {
                throw new IllegalStateException("a page without entities from " + pathAndQueryPrefix);
            }
            for (JsonValue v : entities) {
                if (v.getValueType() == JsonValue.ValueType.OBJECT) {
                    all.add(v.asJsonObject());
                }
            }
            int pageCount = answer.containsKey("pageCount") && answer.get("pageCount").getValueType() == JsonValue.ValueType.NUMBER
                    ? answer.getInt("pageCount") : page;
            if (page >= pageCount || entities.isEmpty()) {
                return all;
            }
        }
        throw new IllegalStateException("more than " + MAX_PAGES + " pages from " + pathAndQueryPrefix);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
