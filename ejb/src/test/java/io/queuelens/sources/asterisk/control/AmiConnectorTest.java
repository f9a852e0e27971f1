package io.queuelens.sources.asterisk.control;

import io.queuelens.sources.asterisk.entity.AmiSettings;
import io.queuelens.sources.boundary.SourceStatus.State;
import io.queuelens.sources.demo.control.AmiServer;
import io.queuelens.sources.demo.control.AmiStateProvider;
import io.queuelens.sources.demo.entity.AmiMessage;
import org.asteriskjava.manager.event.ManagerEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BooleanSupplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/** The AMI connector against the project's own AMI server over loopback TCP. */
class AmiConnectorTest {

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final List<LogRecord> logged = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            logged.add(r);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private final List<AutoCloseable> toClose = new ArrayList<>();
    // Held strongly: JUL keeps loggers only weakly, and a collected logger would lose the handler.
    private final Logger connectorLog = Logger.getLogger(AmiConnector.class.getName());

    @BeforeEach
    void captureLog() {
        connectorLog.addHandler(capture);
    }

    @AfterEach
    void cleanUp() throws Exception {
        connectorLog.removeHandler(capture);
        for (AutoCloseable c : toClose) {
            c.close();
        }
        scheduler.shutdownNow();
    }

    private AmiServer server(String secret) throws Exception {
        AmiServer server = new AmiServer("127.0.0.1", 0, "queuelens", secret, AmiStateProvider.EMPTY,
                Executors.defaultThreadFactory(), 1000);
        server.start();
        toClose.add(server);
        return server;
    }

    private AmiConnector connector(int port, String secret, List<ManagerEvent> received) {
        AmiConnector c = new AmiConnector("t1", "pbx", new AmiSettings("127.0.0.1", port, "queuelens", secret,
                "the PBX settings of source t1/pbx"), scheduler, received::add);
        toClose.add(c);
        return c;
    }

    @Test
    void logsInAndReceivesEvents() throws Exception {
        AmiServer server = server("right");
        List<ManagerEvent> received = new CopyOnWriteArrayList<>();
        AmiConnector connector = connector(server.port(), "right", received);
        connector.start();
        await(() -> connector.status().state() == State.CONNECTED);
        assertThat(connector.status().ready()).isTrue();

        server.broadcast(AmiMessage.event("QueueCallerJoin").add("Queue", "sales").add("Channel", "PJSIP/100-0001")
                .add("Uniqueid", "1700000000.1").add("Position", 1).add("Count", 1).add("CallerIDNum", "5551234").build());
        await(() -> received.stream().anyMatch(e -> e.getClass().getSimpleName().equals("QueueCallerJoinEvent")));
        assertThat(connector.status().counters().get("events")).isPositive();
        assertThat(connector.status().lastEventAt()).isNotNull();
    }

    @Test
    void aRefusedLoginEndsInOneClearLineNamingTheSetting() throws Exception {
        AmiServer server = server("right");
        AmiConnector connector = connector(server.port(), "wrong", new ArrayList<>());
        connector.start();
        await(() -> connector.status().state() == State.FAILED);

        assertThat(connector.status().ready()).isFalse();
        assertThat(connector.status().detail()).contains("refused the AMI login").contains("the PBX settings of source t1/pbx");
        List<LogRecord> severe = logged.stream().filter(r -> r.getLevel() == Level.SEVERE).toList();
        assertThat(severe).hasSize(1);
        assertThat(severe.get(0).getThrown()).as("no stack trace").isNull();
        assertThat(java.text.MessageFormat.format(severe.get(0).getMessage(), severe.get(0).getParameters()))
                .contains("refused the AMI login of user 'queuelens'").contains("t1/pbx");
        assertThat(connector.status().detail()).doesNotContain("wrong"); // the secret is never shown
    }

    @Test
    void anUnreachablePeerIsRetriedWithBackoffAndConnectsOnceItIsUp() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        AmiConnector connector = connector(port, "right", new ArrayList<>());
        connector.start();
        await(() -> connector.status().state() == State.RECONNECTING);
        assertThat(connector.status().detail()).contains("cannot reach AMI at 127.0.0.1:" + port);

        AmiServer late = new AmiServer("127.0.0.1", port, "queuelens", "right", AmiStateProvider.EMPTY,
                Executors.defaultThreadFactory(), 1000);
        late.start();
        toClose.add(late);
        await(() -> connector.status().state() == State.CONNECTED);
        assertThat(logged.stream().filter(r -> r.getLevel() == Level.WARNING)).as("one warning per failure streak").hasSize(1);
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("condition not met within 20 s");
            }
            Thread.sleep(50);
        }
    }
}
