package io.queuelens.web.live;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Specializes;
import org.omnifaces.cdi.push.SocketSessionManager;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * OmniFaces' socket manager, except that the sockets of a view that ended are closed a few seconds later instead of
 * at once.
 * <p>
 * Why: a view ends when its page is left (OmniFaces' unload beacon). OmniFaces then closes the view's sockets from
 * that request's thread while the browser, leaving the page, closes them too. On Payara Micro 6.2025.10 the two
 * closes race inside the container's WebSocket upgrade (Tyrus' unsynchronized servlet writer close): the socket's
 * request and response get recycled under a request still running, which logs {@code AS-WEB-CORE-00037} and fails
 * other users' requests with 500s (see BrowserChurnIT). By the time the late close runs, the browser's close has
 * removed the socket already, so there is nothing left to race with; a socket whose browser did not close it (a
 * view dropped while its page stays open) is closed as before, only later. Pushes meanwhile still reach a socket
 * of the ended view, as they did until its close: its page is the one that opened it.
 */
@Specializes
@ApplicationScoped
public class LateSocketClose extends SocketSessionManager {

    private static final Logger LOG = Logger.getLogger(LateSocketClose.class.getName());
    /** Long enough for a leaving browser's close handshake, short enough that a dropped view's socket goes soon. */
    static final long DELAY_SECONDS = 5;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Override
    protected void deregister(Iterable<String> channelIds) {
        List<String> ids = new ArrayList<>();
        channelIds.forEach(ids::add);
        if (ids.isEmpty()) {
            return;
        }
        try {
            scheduler.schedule(() -> closeNow(ids), DELAY_SECONDS, TimeUnit.SECONDS);
        } catch (RejectedExecutionException e) {
            closeNow(ids); // shutting down: close as OmniFaces would
        }
    }

    private void closeNow(List<String> ids) {
        try {
            super.deregister(ids);
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "closing the sockets of an ended view failed", e);
        }
    }
}
