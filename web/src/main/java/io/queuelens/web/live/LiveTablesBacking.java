package io.queuelens.web.live;

import io.queuelens.tenancy.boundary.Tenants;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.IOException;

/** Backs live/tables.xhtml: queues, agents and waiting callers, filled and kept current by live.js. */
@Named
@RequestScoped
public class LiveTablesBacking {

    @Inject
    Tenants tenants;

    private final LivePage page = new LivePage();

    public void load() throws IOException {
        page.open(tenants);
    }

    public LivePage getPage() {
        return page;
    }
}
