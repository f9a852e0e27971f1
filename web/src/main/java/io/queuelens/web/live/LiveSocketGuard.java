package io.queuelens.web.live;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * Checks the push socket's handshake on the server: only a session whose live page was allowed to
 * subscribe, by a user who still may view those tenants, gets a socket (403 otherwise, before the
 * upgrade); the {@code alerts} socket of every page, only a session whose page rendered it
 * ({@link AlertSocket}). web.xml requires a logged-in ADMIN for the path as well; OmniFaces then accepts only the
 * channel ids the session's own pages registered.
 */
@WebFilter("/omnifaces.push/*")
public class LiveSocketGuard extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        // the alerts channel of the layout: any signed-in user whose page rendered it (AlertSocket); its pushes
        // are filtered by queue visibility on the server. Every other channel: live pages only.
        boolean alerts = req.getRequestURI().endsWith("/omnifaces.push/" + AlertPush.CHANNEL);
        if (alerts ? !AlertSocket.maySubscribe(req) : !LiveAccess.maySubscribe(req)) {
            res.sendError(HttpServletResponse.SC_FORBIDDEN);
            return;
        }
        SocketWriteBuffer.shrink(res); // before the upgrade: the socket's frames are written through this response
        chain.doFilter(req, res);
    }
}
