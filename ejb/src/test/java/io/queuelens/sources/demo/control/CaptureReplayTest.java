package io.queuelens.sources.demo.control;

import io.queuelens.sources.demo.entity.AmiMessage;
import io.queuelens.sources.demo.entity.QueueDefinition;
import io.queuelens.testsupport.SampleCaptures;
import jakarta.json.spi.JsonProvider;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionFactory;
import org.asteriskjava.manager.event.AgentCalledEvent;
import org.asteriskjava.manager.event.AgentCompleteEvent;
import org.asteriskjava.manager.event.AgentConnectEvent;
import org.asteriskjava.manager.event.HangupEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.NewChannelEvent;
import org.asteriskjava.manager.event.QueueCallerAbandonEvent;
import org.asteriskjava.manager.event.QueueCallerJoinEvent;
import org.asteriskjava.manager.event.QueueCallerLeaveEvent;
import org.asteriskjava.manager.event.QueueMemberPauseEvent;
import org.asteriskjava.manager.event.QueueMemberStatusEvent;
import org.junit.jupiter.api.Test;

import java.beans.Introspector;
import java.beans.PropertyDescriptor;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real Asterisk 22 frames played by the demo AMI server to the app's AMI client (asterisk-java): the
 * typed events come out, and the demo's own events of the same types fill the same properties.
 */
class CaptureReplayTest {

    static final List<Class<? extends ManagerEvent>> COMPARED = List.of(QueueCallerJoinEvent.class,
            QueueCallerLeaveEvent.class, QueueCallerAbandonEvent.class, AgentCalledEvent.class, AgentConnectEvent.class,
            AgentCompleteEvent.class, QueueMemberStatusEvent.class, QueueMemberPauseEvent.class, HangupEvent.class,
            NewChannelEvent.class);

    /** Bookkeeping asterisk-java adds itself, not fields of the frame. */
    static final Set<String> NOT_FROM_THE_FRAME = Set.of("class", "dateReceived", "source", "systemHashcode");

    /** The test classpath has GlassFish's JSON-P 2.0 implementation; the 2.1 API would look for Parsson. */
    static final JsonProvider JSON = new org.glassfish.json.JsonProviderImpl();

    static List<AmiMessage> asterisk22Events() throws IOException {
        List<AmiMessage> events = new ArrayList<>();
        for (String line : Files.readAllLines(SampleCaptures.ami("asterisk22_answered_and_abandon_events.jsonl"), StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            try (JsonReader r = JSON.createReader(new StringReader(line))) {
                JsonObject o = r.readObject();
                if (!o.containsKey("Event") || o.containsKey("ActionID")) {
                    continue; // responses and list items belong to actions the replay did not send
                }
                AmiMessage.Builder b = AmiMessage.builder();
                o.forEach((k, v) -> b.add(k, ((JsonString) v).getString()));
                events.add(b.build());
            }
        }
        return events;
    }

    /** Plays frames from a demo AMI server to a logged-in asterisk-java connection and returns what it emitted. */
    static List<ManagerEvent> throughAsteriskJava(List<AmiMessage> frames, Class<?> last) throws Exception {
        try (AmiServer server = new AmiServer("127.0.0.1", 0, "replay", "pw", AmiStateProvider.EMPTY,
                Executors.defaultThreadFactory(), 100_000)) {
            server.start();
            ManagerConnection c = new ManagerConnectionFactory("127.0.0.1", server.port(), "replay", "pw").createManagerConnection();
            List<ManagerEvent> received = new CopyOnWriteArrayList<>();
            c.addEventListener(received::add);
            c.login();
            try {
                for (AmiMessage f : frames) {
                    server.broadcast(f);
                }
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                // asterisk-java also emits its own ConnectEvent, hence ">="
                while (System.nanoTime() < deadline && received.stream().filter(e -> !(e instanceof org.asteriskjava.manager.event.ConnectEvent)
                        && !(e instanceof org.asteriskjava.manager.event.FullyBootedEvent)).count() < countKnown(frames)) {
                    Thread.sleep(20);
                }
                Thread.sleep(100);
            } finally {
                c.logoff();
            }
            return new ArrayList<>(received);
        }
    }

    /** Frames asterisk-java has a class for (it drops the rest, e.g. LocalBridge is known, SuccessfulAuth too). */
    static long countKnown(List<AmiMessage> frames) {
        return frames.stream().filter(f -> !Set.of("Newexten", "VarSet").contains(f.eventName())).count() / 2;
    }

    @Test
    void asteriskJavaTurnsTheReplayedAsterisk22CaptureIntoTypedEvents() throws Exception {
        List<ManagerEvent> events = throughAsteriskJava(asterisk22Events(), QueueCallerLeaveEvent.class);

        QueueCallerJoinEvent join = first(events, QueueCallerJoinEvent.class);
        assertThat(join.getQueue()).isEqualTo("sales");
        assertThat(join.getUniqueId()).isEqualTo("1795308941.1");
        assertThat(join.getPosition()).isEqualTo(1);
        assertThat(join.getCallerIdNum()).isEqualTo("5551234");

        assertThat(events.stream().filter(AgentCalledEvent.class::isInstance)).hasSize(2);
        AgentConnectEvent connect = first(events, AgentConnectEvent.class);
        assertThat(connect.getMemberName()).isEqualTo("Agent One");
        assertThat(connect.getDestUniqueId()).isEqualTo("1795308941.4");
        assertThat(connect.getHoldTime()).isZero();

        AgentCompleteEvent complete = first(events, AgentCompleteEvent.class);
        assertThat(complete.getTalkTime()).isEqualTo(4L);
        assertThat(complete.getReason()).isEqualTo("agent");

        QueueCallerAbandonEvent abandon = first(events, QueueCallerAbandonEvent.class);
        assertThat(abandon.getQueue()).isEqualTo("support");
        assertThat(abandon.getHoldTime()).isEqualTo(4);
        assertThat(abandon.getOriginalPosition()).isEqualTo(1);

        QueueMemberPauseEvent pause = first(events, QueueMemberPauseEvent.class);
        assertThat(pause.getPaused()).isTrue();
        assertThat(pause.getMemberName()).isEqualTo("Agent Three");

        HangupEvent hangup = first(events, HangupEvent.class);
        assertThat(hangup.getCause()).isEqualTo(26);
    }

    @Test
    void theDemosEventsFillTheSamePropertiesAsRealAsterisk22() throws Exception {
        List<ManagerEvent> real = throughAsteriskJava(asterisk22Events(), null);

        ZoneId berlin = ZoneId.of("Europe/Berlin");
        Instant start = ZonedDateTime.of(2025, 3, 5, 9, 0, 0, 0, berlin).toInstant();
        Recorder demo = new Recorder(true);
        new ContactCenterSimulation(5, start, berlin, 20, QueueDefinition.defaults(), demo)
                .advanceTo(start.plus(Duration.ofHours(3)));
        // a few of each compared type is enough, and keeps the replay small
        Map<String, Integer> taken = new LinkedHashMap<>();
        List<AmiMessage> sample = new ArrayList<>();
        for (AmiMessage e : demo.events) {
            if (taken.merge(e.eventName(), 1, Integer::sum) <= 3) {
                sample.add(e);
            }
        }
        List<ManagerEvent> ours = throughAsteriskJava(sample, null);

        // per type, the union over its instances: which fields are filled can depend on the values
        // (asterisk-java reads "<unknown>" as null), which fields exist must not
        List<AmiMessage> capture = asterisk22Events();
        for (Class<? extends ManagerEvent> type : COMPARED) {
            first(real, type);
            first(ours, type);
            String name = first(real, type).getClass().getSimpleName();
            Set<String> theirs = filledProperties(real, type);
            Set<String> mine = filledProperties(ours, type);
            boolean captureHadUnknowns = capture.stream().filter(f -> eventClassName(f).equals(name))
                    .anyMatch(f -> f.asMap().containsValue("<unknown>"));
            if (captureHadUnknowns) {
                // e.g. the capture's Newchannels are originated Local channels without caller id yet
                assertThat(mine).as(type.getSimpleName()).containsAll(theirs);
            } else {
                assertThat(mine).as(type.getSimpleName()).isEqualTo(theirs);
            }
        }
        // and on the wire: the same headers per event name
        for (String event : List.of("QueueCallerJoin", "QueueCallerLeave", "QueueCallerAbandon", "AgentCalled",
                "AgentConnect", "AgentComplete", "QueueMemberStatus", "QueueMemberPause", "Hangup", "Newchannel")) {
            assertThat(headers(demo.events, event)).as(event).isEqualTo(headers(capture, event));
        }
    }

    static <T> T first(List<ManagerEvent> events, Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " among " + events.size() + " events"));
    }

    /** asterisk-java's class name for an AMI event name, e.g. Newchannel -> NewChannelEvent. */
    static String eventClassName(AmiMessage frame) {
        String n = frame.eventName();
        return n.equals("Newchannel") ? "NewChannelEvent" : n + "Event";
    }

    static Set<String> headers(List<AmiMessage> frames, String event) {
        Set<String> keys = new TreeSet<>();
        for (AmiMessage f : frames) {
            if (event.equals(f.eventName())) {
                keys.addAll(f.asMap().keySet());
            }
        }
        assertThat(keys).as("frames of " + event).isNotEmpty();
        return keys;
    }

    static Set<String> filledProperties(List<ManagerEvent> events, Class<?> type) throws Exception {
        Set<String> names = new TreeSet<>();
        for (ManagerEvent e : events) {
            if (e.getClass() == type) {
                names.addAll(nonNullProperties(e));
            }
        }
        return names;
    }

    static Set<String> nonNullProperties(Object bean) throws Exception {
        Set<String> names = new TreeSet<>();
        for (PropertyDescriptor p : Introspector.getBeanInfo(bean.getClass()).getPropertyDescriptors()) {
            if (p.getReadMethod() == null || NOT_FROM_THE_FRAME.contains(p.getName())) {
                continue;
            }
            Object value = p.getReadMethod().invoke(bean);
            if (value != null && !(value instanceof Map<?, ?> m && m.isEmpty())) {
                names.add(p.getName());
            }
        }
        return names;
    }
}
