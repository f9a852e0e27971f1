package io.queuelens.web.overview;

import io.queuelens.sources.boundary.Source;
import io.queuelens.sources.boundary.Sources;
import jakarta.enterprise.context.RequestScoped;
import io.queuelens.web.security.Caller;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.util.List;

/** Backs index.xhtml: the state of every source the user may see. */
@Named
@RequestScoped
public class OverviewBacking {

    @Inject
    Sources sources;

    @Inject
    Caller caller;

    private List<SourceRow> rows;

    public List<SourceRow> getSources() {
        if (rows == null) {
            rows = sources.all().stream().filter(s -> caller.mayViewTenant(s.tenantId())).map(SourceRow::of).toList();
        }
        return rows;
    }

    /** What one line of the sources table shows. Pages call its accessors as methods ({@code s.tenant()}): EL 5 has no record properties. */
    public record SourceRow(String tenant, String name, String kind, String state, boolean ready, String detail,
                            java.time.Instant lastEventAt, List<java.util.Map.Entry<String, Long>> counters) {

        static SourceRow of(Source s) {
            var st = s.status();
            return new SourceRow(s.tenantId(), s.name(), s.kind().name(), st.state().name(), st.ready(), st.detail(),
                    st.lastEventAt(), // shown by #{fmt.dateTime}: the user's language and the tenant's zone
                    st.counters().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey()).toList());
        }
    }
}
