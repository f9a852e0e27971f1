package io.queuelens.web.live;

import io.queuelens.tenancy.boundary.Tenants;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /live/snapshot?tenant=T}: the whole live state of a tenant in the push format (type
 * {@code full}), which a live page loads when its socket (re)opens and when it notices a gap in the
 * versions. Requesting it also keeps the HTTP session of a wallboard that nobody touches alive.
 */
@WebServlet("/live/snapshot")
public class LiveSnapshotServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    transient LivePush push;

    @Inject
    transient Tenants tenants;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
        String tenant = req.getParameter("tenant");
        if (!LiveAccess.mayView(req, tenant)) {
            res.sendError(HttpServletResponse.SC_FORBIDDEN);
            return;
        }
        if (tenants.find(tenant).isEmpty()) {
            res.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        res.setContentType("application/json");
        res.setCharacterEncoding(StandardCharsets.UTF_8.name());
        res.setHeader("Cache-Control", "no-store");
        // the state of the caller's audience: a user limited to some queues gets only those (and their members)
        res.getWriter().write(push.full(LiveAccess.audience(tenant)).toString());
    }
}
