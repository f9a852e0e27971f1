package io.queuelens.web.live;

import jakarta.servlet.ServletResponse;
import jakarta.servlet.ServletResponseWrapper;

import java.lang.reflect.Method;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * Shrinks the write buffer of a socket's upgraded response, before the upgrade, so each pushed frame is
 * written without being copied into a fresh buffer. The one place that knows Payara's servlet container
 * here (SocketFanOut knows Tyrus):
 * <ul>
 * <li>A frame Tyrus writes goes to Grizzly's {@code OutputBuffer.write(byte[], int, int)}. A frame no
 * longer than the buffer size is copied into a buffer of that size, allocated for the write (8 KB by
 * default; a push thread has no pooled memory), which is then handed to the connection: at 5,000
 * subscribers that was 44-60% of all the server allocated (docs/PERFORMANCE.md). A longer frame is
 * handed over as it is, and copied (at its own length) only if the connection cannot take it at once.</li>
 * <li>The servlet API cannot shrink it: Catalina's {@code OutputBuffer.setBufferSize} only ever grows
 * Grizzly's. So this reaches Grizzly's through Catalina's {@code Response.getCoyoteResponse()}, behind the
 * {@code ResponseFacade} the filter is given.</li>
 * </ul>
 * If Payara changes shape, the socket keeps the default buffer and the reason is logged (once per reason).
 */
final class SocketWriteBuffer {

    private static final Logger LOG = Logger.getLogger(SocketWriteBuffer.class.getName());

    /**
     * Frames longer than this go out without a copy; shorter ones are copied into a buffer this small.
     * Grizzly's smallest: its {@code setBufferSize} raises anything below 512 to 512.
     */
    static final int BYTES = 512;

    private static final AtomicBoolean TOLD_SHRUNK = new AtomicBoolean();
    private static final Set<String> TOLD_FAILURES = ConcurrentHashMap.newKeySet();

    private SocketWriteBuffer() {
    }

    /** @return whether the buffer was shrunk (false: left as it was, reason logged once) */
    static boolean shrink(ServletResponse response) {
        ServletResponse r = response;
        while (r instanceof ServletResponseWrapper w) {
            r = w.getResponse();
        }
        return shrinkBehind(r);
    }

    /** As {@link #shrink}, given the container's own response object (no servlet wrappers around it). */
    static boolean shrinkBehind(Object containerResponse) {
        try {
            Object grizzlyBuffer = grizzlyOutputBuffer(containerResponse);
            grizzlyBuffer.getClass().getMethod("setBufferSize", int.class).invoke(grizzlyBuffer, BYTES);
            int now = (Integer) grizzlyBuffer.getClass().getMethod("getBufferSize").invoke(grizzlyBuffer);
            if (now != BYTES) {
                throw new IllegalStateException("the buffer size stayed " + now + " (already written to?)");
            }
            if (TOLD_SHRUNK.compareAndSet(false, true)) {
                LOG.info("Live push sockets write their frames without a copy buffer (write buffer " + BYTES + " bytes)");
            }
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            String reason = e.toString();
            if (TOLD_FAILURES.add(reason)) { // once per distinct reason, not once per socket
                LOG.warning("Live push sockets keep the container's write buffer, each frame copied into a new one, "
                        + "behind a " + containerResponse.getClass().getName() + ": " + reason);
            }
            return false;
        }
    }

    /** Catalina's response (behind the facade), then Grizzly's response's output buffer. */
    private static Object grizzlyOutputBuffer(Object containerResponse) throws ReflectiveOperationException {
        Object catalina = containerResponse;
        Method coyote = method(catalina.getClass(), "getCoyoteResponse");
        if (coyote == null) {
            // the facade: Catalina's response is its field "response"
            catalina = SocketFanOut.declaredField(catalina.getClass(), "response").get(catalina);
            coyote = method(catalina.getClass(), "getCoyoteResponse");
            if (coyote == null) {
                throw new NoSuchMethodException(catalina.getClass().getName() + ".getCoyoteResponse()");
            }
        }
        Object grizzlyResponse = coyote.invoke(catalina);
        return grizzlyResponse.getClass().getMethod("getOutputBuffer").invoke(grizzlyResponse);
    }

    private static Method method(Class<?> type, String name) {
        try {
            return type.getMethod(name);
        } catch (NoSuchMethodException e) {
            return null;
        }
    }
}
