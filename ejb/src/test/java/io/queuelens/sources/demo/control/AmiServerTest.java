package io.queuelens.sources.demo.control;

import io.queuelens.sources.demo.entity.AmiMessage;
import io.queuelens.sources.demo.entity.QueueDefinition;
import org.asteriskjava.manager.AuthenticationFailedException;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionFactory;
import org.asteriskjava.manager.ResponseEvents;
import org.asteriskjava.manager.action.CommandAction;
import org.asteriskjava.manager.action.CoreShowChannelsAction;
import org.asteriskjava.manager.action.PingAction;
import org.asteriskjava.manager.action.QueueStatusAction;
import org.asteriskjava.manager.action.QueueSummaryAction;
import org.asteriskjava.manager.event.AgentCalledEvent;
import org.asteriskjava.manager.event.AgentCompleteEvent;
import org.asteriskjava.manager.event.AgentConnectEvent;
import org.asteriskjava.manager.event.CoreShowChannelEvent;
import org.asteriskjava.manager.event.HangupEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.NewChannelEvent;
import org.asteriskjava.manager.event.QueueCallerJoinEvent;
import org.asteriskjava.manager.event.QueueCallerLeaveEvent;
import org.asteriskjava.manager.event.QueueEntryEvent;
import org.asteriskjava.manager.event.QueueMemberEvent;
import org.asteriskjava.manager.event.QueueMemberStatusEvent;
import org.asteriskjava.manager.event.QueueParamsEvent;
import org.asteriskjava.manager.event.QueueStatusCompleteEvent;
import org.asteriskjava.manager.event.QueueSummaryEvent;
import org.asteriskjava.manager.response.CommandResponse;
import org.asteriskjava.manager.response.ManagerResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.BindException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The demo AMI server against the real AMI client the app uses (asterisk-java) and against a raw socket. */
class AmiServerTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final Instant WEDNESDAY_0900 = ZonedDateTime.of(2025, 3, 5, 9, 0, 0, 0, BERLIN).toInstant();

    AmiServer server;
    ContactCenterSimulation sim;
    final List<ManagerConnection> connections = new ArrayList<>();

    /** Forwards the simulation's events to the server once it exists. */
    final class ToServer implements PbxListener {
        @Override
        public void amiEvent(AmiMessage event) {
            if (server != null) {
                server.broadcast(event);
            }
        }
    }

    @BeforeEach
    void start() throws IOException {
        sim = new ContactCenterSimulation(11, WEDNESDAY_0900, BERLIN, 20, QueueDefinition.defaults(), new ToServer());
        // an hour in: agents logged in, callers waiting and talking
        sim.advanceTo(WEDNESDAY_0900.plus(Duration.ofHours(1)));
        server = new AmiServer("127.0.0.1", 0, "queuelens", "s3cret", sim, Executors.defaultThreadFactory(), 1000);
        server.start();
    }

    @AfterEach
    void stop() {
        for (ManagerConnection c : connections) {
            try {
                c.logoff();
            } catch (RuntimeException | Error ignored) {
                // already gone
            }
        }
        server.close();
    }

    ManagerConnection connect(String secret) {
        ManagerConnection c = new ManagerConnectionFactory("127.0.0.1", server.port(), "queuelens", secret)
                .createManagerConnection();
        connections.add(c);
        return c;
    }

    @Test
    void asteriskJavaLogsInWithTheMd5ChallengeAndSeesAsterisk22() throws Exception {
        ManagerConnection c = connect("s3cret");
        long began = System.nanoTime();
        c.login();
        assertThat(c.getProtocolIdentifier()).isEqualTo("Asterisk Call Manager/11.0.0");
        assertThat(c.getVersion().toString()).contains("22");
        // CoreSettings answered: no 4 x 500 ms version-probing retries
        assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(2));
        ManagerResponse pong = c.sendAction(new PingAction(), 2000);
        assertThat(pong.getResponse()).isEqualTo("Success");
        assertThat(pong.getAttribute("ping")).isEqualTo("Pong");
        ManagerResponse version = c.sendAction(new CommandAction("core show version"), 2000);
        assertThat(version).isInstanceOf(CommandResponse.class);
        assertThat(String.join("\n", ((CommandResponse) version).getResult())).contains("Asterisk 22.0.0");
    }

    @Test
    void aWrongSecretIsRejected() {
        ManagerConnection c = connect("wrong");
        assertThatThrownBy(c::login).isInstanceOf(AuthenticationFailedException.class)
                .hasMessageContaining("Authentication failed");
    }

    @Test
    void queueStatusYieldsTypedEventsWithTheSimulationsValues() throws Exception {
        ManagerConnection c = connect("s3cret");
        c.login();
        List<AmiMessage> expected = sim.queueStatus(null, null);
        ResponseEvents re = c.sendEventGeneratingAction(new QueueStatusAction(), 5000);
        assertThat(re.getResponse().getResponse()).isEqualTo("Success");
        List<ManagerEvent> events = new ArrayList<>(re.getEvents());
        assertThat(events.get(events.size() - 1)).isInstanceOf(QueueStatusCompleteEvent.class);
        List<QueueParamsEvent> params = events.stream().filter(QueueParamsEvent.class::isInstance)
                .map(QueueParamsEvent.class::cast).toList();
        assertThat(params).extracting(QueueParamsEvent::getQueue).containsExactly("vip", "sales", "support", "billing");
        QueueParamsEvent sales = params.get(1);
        assertThat(sales.getStrategy()).isEqualTo("rrmemory");
        assertThat(sales.getServiceLevel()).isEqualTo(20);
        assertThat(sales.getCompleted()).isPositive();
        AmiMessage salesExpected = expected.stream().filter(m -> "QueueParams".equals(m.eventName())
                && "sales".equals(m.get("Queue"))).findFirst().orElseThrow();
        assertThat(sales.getCompleted()).isEqualTo(Integer.parseInt(salesExpected.get("Completed")));
        assertThat(sales.getAbandoned()).isEqualTo(Integer.parseInt(salesExpected.get("Abandoned")));

        List<QueueMemberEvent> members = events.stream().filter(QueueMemberEvent.class::isInstance)
                .map(QueueMemberEvent.class::cast).toList();
        assertThat(members).isNotEmpty().hasSize((int) expected.stream().filter(m -> "QueueMember".equals(m.eventName())).count());
        QueueMemberEvent m = members.get(0);
        assertThat(m.getName()).matches("[A-Z][a-z]+ [A-Z][a-z]+");
        assertThat(m.getLocation()).startsWith("Local/10").endsWith("@from-queue/n");
        assertThat(m.getStateinterface()).startsWith("PJSIP/10");
        assertThat(m.getMembership()).isEqualTo("dynamic");
        assertThat(m.getLogintime()).isPositive();
        assertThat(m.getStatus()).isBetween(1, 8);

        List<AmiMessage> entriesExpected = expected.stream().filter(e -> "QueueEntry".equals(e.eventName())).toList();
        List<QueueEntryEvent> entries = events.stream().filter(QueueEntryEvent.class::isInstance)
                .map(QueueEntryEvent.class::cast).toList();
        assertThat(entries).hasSize(entriesExpected.size());
        for (int i = 0; i < entries.size(); i++) {
            assertThat(entries.get(i).getUniqueId()).isEqualTo(entriesExpected.get(i).get("Uniqueid"));
            assertThat(entries.get(i).getPosition()).isEqualTo(Integer.parseInt(entriesExpected.get(i).get("Position")));
            assertThat(entries.get(i).getChannel()).startsWith("PJSIP/trunk-");
        }

        ResponseEvents summary = c.sendEventGeneratingAction(new QueueSummaryAction(), 5000);
        assertThat(summary.getEvents().stream().filter(QueueSummaryEvent.class::isInstance)).hasSize(4);
        ResponseEvents channels = c.sendEventGeneratingAction(new CoreShowChannelsAction(), 5000);
        assertThat(channels.getEvents().stream().filter(CoreShowChannelEvent.class::isInstance))
                .hasSize(sim.coreShowChannels().size());
    }

    @Test
    void liveQueueEventsArriveAsTheTypedClasses() throws Exception {
        ManagerConnection c = connect("s3cret");
        List<ManagerEvent> received = new CopyOnWriteArrayList<>();
        c.addEventListener(received::add);
        c.login();
        sim.advanceTo(WEDNESDAY_0900.plus(Duration.ofHours(1)).plus(Duration.ofMinutes(20)));
        List<Class<?>> wanted = List.of(QueueCallerJoinEvent.class, QueueCallerLeaveEvent.class, AgentCalledEvent.class,
                AgentConnectEvent.class, AgentCompleteEvent.class, QueueMemberStatusEvent.class, NewChannelEvent.class,
                HangupEvent.class);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline
                && !wanted.stream().allMatch(type -> received.stream().anyMatch(type::isInstance))) {
            Thread.sleep(50);
        }
        assertThat(received).hasAtLeastOneElementOfType(QueueCallerJoinEvent.class)
                .hasAtLeastOneElementOfType(QueueCallerLeaveEvent.class)
                .hasAtLeastOneElementOfType(AgentCalledEvent.class)
                .hasAtLeastOneElementOfType(AgentConnectEvent.class)
                .hasAtLeastOneElementOfType(AgentCompleteEvent.class)
                .hasAtLeastOneElementOfType(QueueMemberStatusEvent.class)
                .hasAtLeastOneElementOfType(NewChannelEvent.class)
                .hasAtLeastOneElementOfType(HangupEvent.class);
        AgentConnectEvent connect = received.stream().filter(AgentConnectEvent.class::isInstance)
                .map(AgentConnectEvent.class::cast).findFirst().orElseThrow();
        assertThat(connect.getQueue()).isNotBlank();
        assertThat(connect.getMemberName()).isNotBlank();
        assertThat(connect.getDestUniqueId()).matches("\\d+\\.\\d+");
        assertThat(connect.getUniqueId()).isNotEqualTo(connect.getDestUniqueId());
        assertThat(connect.getHoldTime()).isNotNull();
    }

    @Test
    void rawProtocolEchoesActionIdsAndRejectsUnknownActions() throws IOException {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(5000);
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = s.getOutputStream();
            assertThat(in.readLine()).isEqualTo("Asterisk Call Manager/11.0.0");
            AmiFrameReader frames = new AmiFrameReader(in);

            write(out, "Action: QueueStatus\r\nActionID: early\r\n\r\n");
            AmiMessage early = frames.read();
            assertThat(early.get("Response")).isEqualTo("Error");
            assertThat(early.get("ActionID")).isEqualTo("early");

            write(out, "Action: Login\r\nUsername: queuelens\r\nSecret: s3cret\r\nEvents: off\r\nActionID: a1\r\n\r\n");
            AmiMessage ok = frames.read();
            assertThat(ok.get("Response")).isEqualTo("Success");
            assertThat(ok.get("Message")).isEqualTo("Authentication accepted");
            assertThat(ok.get("ActionID")).isEqualTo("a1");
            assertThat(frames.read().eventName()).isEqualTo("FullyBooted");

            write(out, "Action: Frobnicate\r\nActionID: x-42\r\n\r\n");
            AmiMessage unknown = frames.read();
            assertThat(unknown.get("Response")).isEqualTo("Error");
            assertThat(unknown.get("ActionID")).isEqualTo("x-42");
            assertThat(unknown.get("Message")).startsWith("Invalid/unknown command");

            write(out, "Action: QueueSummary\r\nQueue: sales\r\nActionID: qs\r\n\r\n");
            AmiMessage start = frames.read();
            assertThat(start.get("EventList")).isEqualTo("start");
            AmiMessage item = frames.read();
            assertThat(item.eventName()).isEqualTo("QueueSummary");
            assertThat(item.get("Queue")).isEqualTo("sales");
            assertThat(item.get("ActionID")).isEqualTo("qs");
            AmiMessage complete = frames.read();
            assertThat(complete.eventName()).isEqualTo("QueueSummaryComplete");
            assertThat(complete.get("ListItems")).isEqualTo("1");

            write(out, "Action: Events\r\nEventMask: on\r\nActionID: ev\r\n\r\n");
            assertThat(frames.read().get("Events")).isEqualTo("On");

            write(out, "Action: Logoff\r\nActionID: bye\r\n\r\n");
            AmiMessage bye;
            do {
                bye = frames.read();
            } while (bye != null && bye.eventName() != null); // events may come first now they are on
            assertThat(bye.get("Response")).isEqualTo("Goodbye");
            assertThat(bye.get("ActionID")).isEqualTo("bye");
            assertThat(frames.read()).isNull(); // the server closed the connection
        }
    }

    @Test
    void servesSeveralClientsAndDropsOneThatDoesNotRead() throws Exception {
        ManagerConnection a = connect("s3cret");
        ManagerConnection b = connect("s3cret");
        List<ManagerEvent> toA = new CopyOnWriteArrayList<>();
        List<ManagerEvent> toB = new CopyOnWriteArrayList<>();
        a.addEventListener(toA::add);
        b.addEventListener(toB::add);
        a.login();
        b.login();
        try (Socket slow = new Socket()) {
            slow.setReceiveBufferSize(4096);
            slow.connect(new java.net.InetSocketAddress("127.0.0.1", server.port()));
            write(slow.getOutputStream(), "Action: Login\r\nUsername: queuelens\r\nSecret: s3cret\r\n\r\n");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (server.clientCount() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            Thread.sleep(200); // the login is processed
            // the slow client never reads; the simulation must go on at full speed regardless. Time advances
            // in one-minute steps as in live mode, so clients that read keep up with their outbox.
            long slowestStep = 0;
            for (int minute = 1; minute <= 300; minute++) {
                long began = System.nanoTime();
                sim.advanceTo(WEDNESDAY_0900.plus(Duration.ofHours(1)).plus(Duration.ofMinutes(minute)));
                slowestStep = Math.max(slowestStep, System.nanoTime() - began);
                Thread.sleep(10);
            }
            assertThat(Duration.ofNanos(slowestStep)).isLessThan(Duration.ofMillis(500));
            deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (server.clientsDropped() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(server.clientsDropped()).isEqualTo(1);
            assertThat(server.clientCount()).isEqualTo(2);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline && (toA.size() < 1000 || toB.size() < 1000)) {
            Thread.sleep(20);
        }
        assertThat(toA.size()).isGreaterThan(1000);
        assertThat(toB.size()).isGreaterThan(1000);
    }

    @Test
    void aPortInUseFailsWithABindException() {
        AmiServer second = new AmiServer("127.0.0.1", server.port(), "u", "p", AmiStateProvider.EMPTY,
                Executors.defaultThreadFactory(), 64);
        assertThatThrownBy(second::start).isInstanceOf(BindException.class);
        assertThat(second.isListening()).isFalse();
    }

    /**
     * A PBX whose caller leaves on another thread the moment the PBX is free. The server must read a list and
     * queue it while the PBX can raise nothing: then the leave comes after the list that still shows the caller.
     * Were the list queued after the read let go of the PBX, the leave would come first and the client would
     * keep a caller the PBX no longer has.
     */
    @Test
    void aListKeepsItsPlaceAmongTheEventsOfAPbxThatChangesWhileItIsAnswered() throws Exception {
        Object pbx = new Object();
        AmiServer[] racing = new AmiServer[1];
        AmiMessage leave = AmiMessage.event("QueueCallerLeave").add("Queue", "sales").add("Uniqueid", "1.1")
                .add("Position", "1").add("Count", "0").build();
        AmiStateProvider state = new AmiStateProvider() {
            @Override
            public List<AmiMessage> queueStatus(String queue, String member) {
                Thread leaving = new Thread(() -> {
                    synchronized (pbx) {
                        racing[0].broadcast(leave);
                    }
                });
                leaving.start();
                try {
                    leaving.join(500); // returns at once unless the server holds the PBX
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return List.of(AmiMessage.event("QueueParams").add("Queue", "sales").build(),
                        AmiMessage.event("QueueEntry").add("Queue", "sales").add("Position", "1").add("Uniqueid", "1.1").build());
            }

            @Override
            public List<AmiMessage> queueSummary(String queue) {
                return List.of();
            }

            @Override
            public List<AmiMessage> coreShowChannels() {
                return List.of();
            }

            @Override
            public void answerInOrder(Runnable answer) {
                synchronized (pbx) {
                    answer.run();
                }
            }
        };
        racing[0] = new AmiServer("127.0.0.1", 0, "u", "p", state, Executors.defaultThreadFactory(), 1000);
        racing[0].start();
        try (Socket s = new Socket("127.0.0.1", racing[0].port())) {
            s.setSoTimeout(5000);
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = s.getOutputStream();
            in.readLine();
            AmiFrameReader frames = new AmiFrameReader(in);
            write(out, "Action: Login\r\nUsername: u\r\nSecret: p\r\nEvents: on\r\nActionID: a1\r\n\r\n");
            assertThat(frames.read().get("Response")).isEqualTo("Success");
            assertThat(frames.read().eventName()).isEqualTo("FullyBooted");
            write(out, "Action: QueueStatus\r\nActionID: q1\r\n\r\n");
            List<String> order = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                AmiMessage m = frames.read();
                order.add(m.eventName() != null ? m.eventName() : "Response");
            }
            assertThat(order).containsExactly("Response", "QueueParams", "QueueEntry", "QueueStatusComplete", "QueueCallerLeave");
        } finally {
            racing[0].close();
        }
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }
}
