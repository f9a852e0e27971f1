package io.queuelens.web.payouts;

import io.queuelens.jobs.entity.JobConflict;
import io.queuelens.jobs.entity.JobLaunch;
import io.queuelens.payouts.boundary.Payouts;
import io.queuelens.payouts.entity.AgentPeriodTotal;
import io.queuelens.payouts.entity.InvalidPayoutInput;
import io.queuelens.payouts.entity.PayoutLine;
import io.queuelens.payouts.entity.PayoutRevision;
import io.queuelens.tenancy.boundary.Tenants;
import io.queuelens.tenancy.entity.Tenant;
import io.queuelens.web.i18n.Messages;
import io.queuelens.web.security.Caller;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.omnifaces.cdi.ViewScoped;

import java.io.Serializable;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Backs payouts/payouts.xhtml: a tenant's period (the URL holds tenant, from, to), the newest revision
 * of every agent-day with totals per agent, the lines of a chosen agent-day with its revisions, links
 * to the calls behind it, and approve/lock, unlock (ADMIN) and recompute.
 */
@Named
@ViewScoped
public class PayoutsBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    Payouts payouts;

    @Inject
    Tenants tenants;

    @Inject
    Caller caller;

    private String tenant;
    private String from;
    private String to;
    private String zone = "UTC";
    private String currency = "";
    private boolean ready;
    private transient List<Tenant> tenantChoices;
    private List<AgentPeriodTotal> days = List.of();
    private Map<String, BigDecimal> byAgent = Map.of();
    private AgentPeriodTotal selected;
    private List<PayoutLine> lines = List.of();
    private List<PayoutRevision> revisions = List.of();

    public void load() {
        tenantChoices = caller.visible(tenants.findAll());
        if (tenant == null || tenant.isBlank()) {
            tenantChoices.stream().findFirst().ifPresent(t -> tenant = t.getId());
        }
        if (caller.refusedTenant(tenant)) {
            return;
        }
        Tenant found = tenantChoices.stream().filter(t -> t.getId().equals(tenant == null ? null : tenant.strip())).findFirst()
                .orElse(null);
        ready = false;
        if (found == null) {
            error("filters:tenant", "unknown tenant '" + tenant + "'");
            return;
        }
        tenant = found.getId();
        zone = found.getTimeZone().getId();
        currency = found.getCurrency().getCurrencyCode();
        LocalDate yesterday = LocalDate.now(found.getTimeZone()).minusDays(1);
        if (from == null || from.isBlank()) {
            from = yesterday.withDayOfMonth(1).toString();
        }
        if (to == null || to.isBlank()) {
            to = yesterday.toString();
        }
        try {
            days = payouts.period(tenant, LocalDate.parse(from.strip()), LocalDate.parse(to.strip()));
            Map<String, BigDecimal> sums = new TreeMap<>();
            days.forEach(d -> sums.merge(d.agent(), d.total(), BigDecimal::add));
            byAgent = sums;
            ready = true;
        } catch (DateTimeParseException e) {
            error("filters:from", Messages.text("payouts.badDay"));
        } catch (InvalidPayoutInput e) {
            e.problems().forEach(p -> error("filters:" + p.field(), p.message()));
        }
    }

    public String show() {
        return "/payouts/payouts?faces-redirect=true&includeViewParams=true";
    }

    public void select(AgentPeriodTotal day) {
        selected = day;
        lines = payouts.lines(tenant, day.day(), day.revision(), day.agent());
        revisions = payouts.revisions(tenant, day.day());
    }

    public void selectRevision(int revision) {
        if (selected != null) {
            lines = payouts.lines(tenant, selected.day(), revision, selected.agent());
            selected = new AgentPeriodTotal(selected.day(), selected.agent(), revision, selected.revisions(),
                    lines.stream().map(PayoutLine::amount).reduce(BigDecimal.ZERO, BigDecimal::add), selected.currency(),
                    selected.rateCardId(), selected.locked());
        }
    }

    public void recompute() {
        try {
            JobLaunch launch = payouts.recompute(tenant, LocalDate.parse(from), LocalDate.parse(to), caller.name());
            info(Messages.text("payouts.recomputeStarted", launch.executionId()));
        } catch (JobConflict e) {
            error(null, e.getMessage());
        } catch (InvalidPayoutInput e) {
            e.problems().forEach(p -> error("filters:" + p.field(), p.message()));
        }
    }

    public void lock() {
        info(Messages.text("payouts.lockedDays", payouts.lock(tenant, LocalDate.parse(from), LocalDate.parse(to), caller.name())));
        load();
    }

    public void unlock() {
        if (!caller.has("ADMIN")) {
            error(null, Messages.text("payouts.unlockAdminOnly"));
            return;
        }
        info(Messages.text("payouts.unlockedDays", payouts.unlock(tenant, LocalDate.parse(from), LocalDate.parse(to), caller.name())));
        load();
    }

    /** The CDR search for the agent's calls of that local day. */
    public String callsLink(AgentPeriodTotal d) {
        return "/reports/cdr.xhtml?tenant=" + enc(tenant) + "&from=" + d.day() + "&to=" + d.day().plusDays(1) + "&tz="
                + enc(zone) + "&agent=" + enc(d.agent());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static void error(String id, String detail) {
        FacesContext.getCurrentInstance().addMessage(id, new FacesMessage(FacesMessage.SEVERITY_ERROR,
                Messages.text("summary.invalid"), detail));
    }

    private static void info(String summary) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, summary, null));
    }

    public BigDecimal getTotal() {
        return byAgent.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    public String getTenant() { return tenant; }
    public void setTenant(String tenant) { this.tenant = tenant; }
    public String getFrom() { return from; }
    public void setFrom(String from) { this.from = from; }
    public String getTo() { return to; }
    public void setTo(String to) { this.to = to; }
    public String getCurrency() { return currency; }
    public boolean isReady() { return ready; }
    public List<Tenant> getTenants() { return tenantChoices; }
    public List<AgentPeriodTotal> getDays() { return days; }
    public List<Map.Entry<String, BigDecimal>> getAgentTotals() { return List.copyOf(byAgent.entrySet()); }
    public AgentPeriodTotal getSelected() { return selected; }
    public List<PayoutLine> getLines() { return lines; }
    public List<PayoutRevision> getRevisions() { return revisions; }
}
