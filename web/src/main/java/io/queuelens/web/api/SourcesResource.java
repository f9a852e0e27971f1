package io.queuelens.web.api;

import io.queuelens.sources.boundary.Source;
import io.queuelens.sources.boundary.SourceStatus;
import io.queuelens.sources.boundary.Sources;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** {@code GET /api/v1/sources}: every source's connection state, for server administrators. */
@Path("sources")
@RequestScoped
@RolesAllowed("ADMIN")
public class SourcesResource {

    @Inject
    Sources sources;

    /** One source as the API shows it. */
    public record SourceView(String tenant, String name, String kind, String state, boolean ready, String detail,
                             Instant lastEventAt, Map<String, Long> counters) {

        static SourceView of(Source s) {
            SourceStatus st = s.status();
            return new SourceView(s.tenantId(), s.name(), s.kind().name(), st.state().name(), st.ready(), st.detail(),
                    st.lastEventAt(), st.counters());
        }
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<SourceView> list() {
        return sources.all().stream().map(SourceView::of).toList();
    }
}
