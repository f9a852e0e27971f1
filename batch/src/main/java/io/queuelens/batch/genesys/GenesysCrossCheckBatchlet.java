package io.queuelens.batch.genesys;

import io.queuelens.sources.genesys.boundary.GenesysOrgs;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.time.LocalDate;

/**
 * The one step of {@code genesys-crosscheck}: the org's day read again and cross-checked. The exit
 * status says what came of it (the job history shows it); an org removed or disabled since the launch
 * is skipped, not failed.
 */
@Dependent
@Named("genesysCrossCheckBatchlet")
public class GenesysCrossCheckBatchlet extends AbstractBatchlet {

    @Inject
    @BatchProperty
    String tenant;

    @Inject
    @BatchProperty
    String orgId;

    @Inject
    @BatchProperty
    String day;

    @Inject
    GenesysOrgs orgs;

    @Override
    public String process() throws Exception {
        var done = orgs.importScheduledDay(tenant.strip(), Long.parseLong(orgId.strip()), LocalDate.parse(day.strip()));
        if (done.isEmpty()) {
            return "SKIPPED org " + orgId + " removed or disabled";
        }
        long mismatches = done.get().crossCheck().stream().filter(r -> r.mismatch()).count();
        return "CHECKED " + done.get().visits() + " visits, " + done.get().crossCheck().size() + " queues, "
                + mismatches + " mismatches";
    }
}
