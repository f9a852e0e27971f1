package io.queuelens.sources.asterisk.boundary;

import io.queuelens.sources.asterisk.control.AmiConnector;
import io.queuelens.sources.asterisk.entity.AmiSettings;
import io.queuelens.sources.boundary.Source;
import io.queuelens.sources.boundary.SourceProvider;
import io.queuelens.sources.boundary.SourceStatus;
import io.queuelens.sources.demo.boundary.DemoContactCenter;
import io.queuelens.sources.demo.entity.AmiEndpoint;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import org.asteriskjava.manager.event.ManagerEvent;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Holds one {@link AmiConnector} per configured Asterisk PBX. Today that is the demo contact
 * center's AMI server (tenant {@code demo}); PBX sources configured per tenant arrive with the
 * History and Live issues and are added here the same way.
 */
@Singleton
@Startup
@DependsOn("DemoContactCenter")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class AsteriskSources implements SourceProvider {

    private static final Logger LOG = Logger.getLogger(AsteriskSources.class.getName());

    @Inject
    DemoContactCenter demo;

    @Resource
    ManagedThreadFactory threads;

    private final List<AmiConnector> connectors = new CopyOnWriteArrayList<>();
    private ScheduledExecutorService scheduler;

    @PostConstruct
    void connect() {
        // Own thread: a login can block for seconds, which must not stall the server's shared timers.
        scheduler = Executors.newSingleThreadScheduledExecutor(threads);
        if (demo.status().state() != SourceStatus.State.STOPPED) { // STOPPED: switched off by configuration
            try {
                AmiEndpoint ep = demo.amiEndpoint();
                add(new AmiConnector(demo.tenantId(), "demo-ami",
                        new AmiSettings(ep.host(), ep.port(), ep.username(), ep.secret(), "the queuelens.demo.ami.* settings"),
                        scheduler, this::onEvent));
            } catch (IllegalStateException demoDown) {
                LOG.log(Level.SEVERE, "The demo AMI connection is not started: {0}", demoDown.getMessage());
            }
        }
    }

    private void add(AmiConnector connector) {
        connectors.add(connector);
        connector.start();
    }

    private void onEvent(ManagerEvent event) {
        // The live model (issue "Live") subscribes here; until then events are counted by the connector.
    }

    @Override
    public List<Source> sources() {
        return List.copyOf(connectors);
    }

    @PreDestroy
    void disconnect() {
        connectors.forEach(AmiConnector::close);
        scheduler.shutdownNow();
    }
}
