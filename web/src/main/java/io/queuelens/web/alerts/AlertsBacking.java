package io.queuelens.web.alerts;

import io.queuelens.alerts.boundary.AlertIncidents;
import io.queuelens.alerts.boundary.AlertPreviews;
import io.queuelens.alerts.boundary.AlertRules;
import io.queuelens.alerts.control.AlertRuleChecks;
import io.queuelens.alerts.entity.AlertChannel;
import io.queuelens.alerts.entity.AlertDelivery;
import io.queuelens.alerts.entity.AlertIncident;
import io.queuelens.alerts.entity.AlertProblem;
import io.queuelens.alerts.entity.AlertRule;
import io.queuelens.alerts.entity.ChannelDraft;
import io.queuelens.alerts.entity.ChannelKind;
import io.queuelens.alerts.entity.Figure;
import io.queuelens.alerts.entity.IncidentState;
import io.queuelens.alerts.entity.InvalidAlertException;
import io.queuelens.alerts.entity.RuleDraft;
import io.queuelens.alerts.entity.RulePreviewResult;
import io.queuelens.alerts.entity.ScopeKind;
import io.queuelens.alerts.entity.Severity;
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
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * /alerts/alerts.xhtml: a tenant's active incidents and history for every user who may see the tenant (only the
 * incidents over queues they see); the tenant's MANAGER (seeing all its queues) and ADMIN also acknowledge, edit
 * rules with a preview over yesterday, and keep the channels and see their delivery log.
 */
@Named
@ViewScoped
public class AlertsBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject AlertIncidents incidents;
    @Inject AlertRules rules;
    @Inject AlertPreviews previews;
    @Inject Tenants tenants;
    @Inject Caller caller;

    private String tenant;
    private final RuleFields rule = new RuleFields();
    private final ChannelFields channel = new ChannelFields();
    private RulePreviewResult preview;
    private transient List<Tenant> tenantChoices;

    /** f:viewAction: the tenant of the URL, or the first visible one; another tenant's id is 403. */
    public void load() {
        if (caller.refusedTenant(tenant)) {
            return;
        }
        if (tenant == null || tenant.isBlank()) {
            tenant = getTenants().stream().findFirst().map(Tenant::getId).orElse(null);
        }
    }

    public List<Tenant> getTenants() {
        if (tenantChoices == null) {
            tenantChoices = caller.visible(tenants.findAll());
        }
        return tenantChoices;
    }

    /** Rules, channels and acknowledging: ADMIN, or a MANAGER of the tenant who sees all of its queues. */
    public boolean isManager() {
        return tenant != null && caller.mayViewTenant(tenant) && (caller.has("ADMIN")
                || caller.has("MANAGER") && !caller.access().isQueueRestricted(tenant));
    }

    public List<AlertIncident> getActive() throws SQLException {
        return tenant == null || !caller.mayViewTenant(tenant) ? List.of()
                : incidents.list(tenant, List.of(IncidentState.FIRING, IncidentState.ACKNOWLEDGED), caller.access());
    }

    public List<AlertIncident> getHistory() throws SQLException {
        return tenant == null || !caller.mayViewTenant(tenant) ? List.of()
                : incidents.list(tenant, List.of(IncidentState.RESOLVED), caller.access()).stream().limit(100).toList();
    }

    public void acknowledge(long id) throws SQLException {
        if (!isManager()) {
            Caller.forbid();
            return;
        }
        try {
            incidents.acknowledge(tenant, id, caller.access());
            info("alerts.acknowledged");
        } catch (IllegalStateException e) {
            FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_WARN,
                    Messages.text("alerts.error.notFiring"), null));
        }
    }

    public List<AlertRule> getRules() throws SQLException {
        return isManager() ? rules.rules(tenant) : List.of();
    }

    public List<AlertChannel> getChannels() throws SQLException {
        return isManager() ? rules.channels(tenant) : List.of();
    }

    public List<AlertDelivery> getDeliveries() throws SQLException {
        return isManager() ? incidents.deliveries(tenant, 0).stream().limit(50).toList() : List.of();
    }

    public void editRule(long id) throws SQLException {
        if (isManager()) {
            rules.rule(tenant, id).ifPresent(r -> rule.fill(r.id(), RuleDraft.of(r)));
            preview = null;
        }
    }

    public void newRule() {
        rule.fill(0, null);
        preview = null;
    }

    public void saveRule() throws SQLException {
        if (!isManager()) {
            Caller.forbid();
            return;
        }
        try {
            AlertRule saved = rules.saveRule(tenant, rule.getId(), rule.draft(), caller.name());
            rule.fill(saved.id(), RuleDraft.of(saved));
            info("alerts.rule.saved");
        } catch (InvalidAlertException e) {
            fail("ruleForm", e);
        }
    }

    public void previewRule() throws SQLException {
        if (!isManager()) {
            Caller.forbid();
            return;
        }
        try {
            preview = previews.yesterday(AlertRuleChecks.rule(tenant, rule.getId(), rule.draft()));
        } catch (InvalidAlertException e) {
            preview = null;
            fail("ruleForm", e);
        }
    }

    public void deleteRule(long id) throws SQLException {
        if (isManager() && rules.deleteRule(tenant, id, caller.name())) {
            info("alerts.rule.deleted");
        }
    }

    public void editChannel(long id) throws SQLException {
        if (isManager()) {
            rules.channel(tenant, id).ifPresent(channel::fill);
        }
    }

    public void newChannel() {
        channel.fill(null);
    }

    public void saveChannel() throws SQLException {
        if (!isManager()) {
            Caller.forbid();
            return;
        }
        try {
            channel.fill(rules.saveChannel(tenant, channel.getId(), channel.draft(), caller.name()));
            info("alerts.channel.saved");
        } catch (InvalidAlertException e) {
            fail("channelForm", e);
        }
    }

    public void deleteChannel(long id) throws SQLException {
        if (!isManager()) {
            return;
        }
        try {
            if (rules.deleteChannel(tenant, id, caller.name())) {
                info("alerts.channel.deleted");
            }
        } catch (InvalidAlertException e) {
            fail("channelsForm", e);
        }
    }

    private static void info(String key) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, Messages.text(key), null));
    }

    /** Each problem next to its field (or on top when the form has no such field). */
    private static void fail(String form, InvalidAlertException e) {
        FacesContext faces = FacesContext.getCurrentInstance();
        faces.validationFailed();
        for (AlertProblem p : e.problems()) {
            String text = Messages.textOr("alerts.error." + p.key(), p.message());
            String id = form + ":" + p.field();
            boolean known = faces.getViewRoot().findComponent(id) != null;
            faces.addMessage(known ? id : null, new FacesMessage(FacesMessage.SEVERITY_ERROR, text, text));
        }
    }

    public List<Long> channelIds() throws SQLException {
        List<Long> ids = new ArrayList<>();
        getChannels().forEach(c -> ids.add(c.id()));
        return ids;
    }

    public String getTenant() { return tenant; }
    public void setTenant(String v) { tenant = v; }
    public RuleFields getRule() { return rule; }
    public ChannelFields getChannel() { return channel; }
    public RulePreviewResult getPreview() { return preview; }
    public Figure[] getFigures() { return Figure.values(); }
    public ScopeKind[] getScopeKinds() { return ScopeKind.values(); }
    public Severity[] getSeverities() { return Severity.values(); }
    public ChannelKind[] getChannelKinds() { return ChannelKind.values(); }
    public String[] getComparisons() { return new String[]{">", ">=", "<", "<="}; }
}
