package io.queuelens.live.boundary;

import io.queuelens.live.control.LiveFeed;
import org.asteriskjava.manager.event.ManagerEvent;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Where one source connection hands its events to its tenant's live model: events are queued for the
 * model's single writer and never block the connection's reader thread.
 */
public final class LiveInlet {

    private final LiveFeed feed;
    private final String source;

    LiveInlet(LiveFeed feed, String source) {
        this.feed = Objects.requireNonNull(feed, "feed");
        this.source = Objects.requireNonNull(source, "source");
    }

    public void accept(ManagerEvent event) {
        feed.offer(source, event);
    }

    /** The connection is up (logged in) or down; snapshots say "connected" while any source of the tenant is. */
    public void connected(boolean up) {
        feed.connected(source, up);
    }

    /** What to run when the model fell so far behind that it dropped this source's events (a resync repairs it). */
    public void onOverflow(Runnable requestResync) {
        feed.onOverflow(source, requestResync);
    }

    /** The model's counts of this source's events: applied, ignored (of no use to the model), malformed, dropped. */
    public Map<String, Long> counters() {
        LiveFeed.SourceCounters c = feed.counters(source);
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("eventsApplied", c.applied());
        m.put("eventsIgnored", c.ignored());
        m.put("eventsMalformed", c.malformed());
        m.put("eventsDropped", c.dropped());
        return m;
    }

    public String tenantId() {
        return feed.tenantId();
    }

    public String source() {
        return source;
    }
}
