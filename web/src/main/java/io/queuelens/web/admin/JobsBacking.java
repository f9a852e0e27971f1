package io.queuelens.web.admin;

import io.queuelens.identity.entity.Access;
import io.queuelens.jobs.boundary.Jobs;
import io.queuelens.jobs.entity.JobConflict;
import io.queuelens.jobs.entity.JobRun;
import io.queuelens.jobs.entity.UnknownJob;
import io.queuelens.web.i18n.Messages;
import io.queuelens.web.security.Caller;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.omnifaces.cdi.ViewScoped;

import java.io.Serializable;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Backs admin/jobs.xhtml: every job execution of the tenants the caller may see (ADMIN: all), newest
 * first, refreshed every few seconds by the page while one runs; a FAILED or STOPPED one can be
 * restarted once.
 */
@Named
@ViewScoped
public class JobsBacking implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    @Inject
    Jobs jobs;

    @Inject
    Caller caller;

    private transient List<JobRun> runs;

    public void load() {
        Access a = caller.access();
        runs = jobs.history(a.isAdmin() ? null : a.grantedTenants());
    }

    public List<JobRun> getRuns() {
        if (runs == null) {
            load();
        }
        return runs;
    }

    public boolean isAnyRunning() {
        return getRuns().stream().anyMatch(JobRun::running);
    }

    public void restart(long executionId) {
        FacesContext faces = FacesContext.getCurrentInstance();
        try {
            JobRun run = jobs.restart(executionId, caller.access()::mayViewTenant, caller.name());
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, Messages.text("jobs.restarted", executionId,
                    run.executionId()), null));
        } catch (JobConflict | UnknownJob e) {
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, Messages.text("jobs.restartRefused"),
                    e.getMessage()));
        }
        load();
    }

    public String time(Instant t) {
        return t == null ? "" : TIME.format(t);
    }
}
