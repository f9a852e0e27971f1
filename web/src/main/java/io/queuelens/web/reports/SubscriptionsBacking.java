package io.queuelens.web.reports;

import io.queuelens.exports.entity.ExportFormat;
import io.queuelens.exports.entity.ReportName;
import io.queuelens.jobs.entity.JobLaunch;
import io.queuelens.subscriptions.boundary.Subscriptions;
import io.queuelens.subscriptions.entity.Frequency;
import io.queuelens.subscriptions.entity.InvalidSubscription;
import io.queuelens.subscriptions.entity.PeriodKind;
import io.queuelens.subscriptions.entity.Subscription;
import io.queuelens.subscriptions.entity.SubscriptionForm;
import io.queuelens.subscriptions.entity.SubscriptionProblem;
import io.queuelens.subscriptions.entity.SubscriptionRefused;
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
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Backs reports/subscriptions.xhtml: a tenant's subscriptions (MANAGER and ADMIN: all; REPORTS: their own),
 * the create/edit form with a message at every bad field, enable/disable, delete and "send now". Opened from a
 * report's "Subscribe…" entry ({@code ?subscribe=<report>&queues=&agents=&tz=}) the form starts prefilled.
 */
@Named
@ViewScoped
public class SubscriptionsBacking implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final Set<String> FIELDS = Set.of("report", "period", "queues", "agents", "timeZone", "formats",
            "recipients", "frequency", "time", "weekday", "dayOfMonth");

    @Inject
    Subscriptions subscriptions;

    @Inject
    Tenants tenants;

    @Inject
    Caller caller;

    private String tenant;
    private String subscribe;
    private String queues;
    private String agents;
    private String tz;
    private SubscriptionForm form;
    private long editing;
    private transient List<Subscription> rows;

    /** f:viewAction: the tenant (the first visible one when none is asked for), and a prefilled form from "Subscribe…". */
    public void load() {
        List<Tenant> visible = caller.visible(tenants.findAll());
        if (tenant == null || tenant.isBlank()) {
            tenant = visible.isEmpty() ? null : visible.get(0).getId();
        }
        if (tenant == null || !caller.mayViewTenant(tenant.strip())) {
            Caller.forbid();
            return;
        }
        tenant = tenant.strip();
        if (subscribe != null && !subscribe.isBlank() && form == null) {
            form = new SubscriptionForm();
            form.setReport(subscribe.strip());
            form.setQueues(split(queues));
            form.setAgents(split(agents));
            form.setTimeZone(tz);
            form.setFormats(new java.util.ArrayList<>(List.of("xlsx")));
        }
    }

    public void create() {
        form = new SubscriptionForm();
        form.setFormats(new java.util.ArrayList<>(List.of("xlsx")));
        editing = 0;
    }

    public void edit(long id) {
        subscriptions.find(caller.access(), tenant, id).ifPresent(s -> {
            form = SubscriptionForm.of(s);
            editing = id;
        });
    }

    public void cancel() {
        form = null;
        editing = 0;
    }

    public void save() {
        if (!caller.mayViewTenant(tenant)) {
            Caller.forbid();
            return;
        }
        try {
            if (editing == 0) {
                subscriptions.create(caller.access(), tenant, form);
            } else {
                subscriptions.update(caller.access(), tenant, editing, form);
            }
            info(Messages.text("subs.saved"));
            cancel();
            rows = null;
        } catch (InvalidSubscription e) {
            for (SubscriptionProblem p : e.problems()) {
                String id = FIELDS.contains(p.field()) ? "subForm:" + p.field() : null;
                String text = Messages.textOr("subs.p." + p.key(), p.message());
                FacesContext.getCurrentInstance().addMessage(id, new FacesMessage(FacesMessage.SEVERITY_ERROR, text, text));
            }
            FacesContext.getCurrentInstance().validationFailed();
        } catch (SubscriptionRefused e) {
            error(Messages.text("subs.refused", e.getMessage()));
        }
    }

    public void toggle(long id) {
        subscriptions.find(caller.access(), tenant, id).ifPresent(s -> subscriptions.setEnabled(caller.access(), tenant, id, !s.enabled()));
        rows = null;
    }

    public void delete(long id) {
        if (subscriptions.delete(caller.access(), tenant, id)) {
            info(Messages.text("subs.deleted"));
        }
        rows = null;
    }

    public void sendNow(long id) {
        try {
            subscriptions.sendNow(caller.access(), tenant, id).map(JobLaunch::executionId)
                    .ifPresent(e -> info(Messages.text("subs.sent", e)));
        } catch (RuntimeException e) {
            error(Messages.text("subs.refused", e.getMessage()));
        }
        rows = null;
    }

    public List<Subscription> getRows() {
        if (rows == null && tenant != null && caller.mayViewTenant(tenant)) {
            rows = subscriptions.list(caller.access(), tenant);
        }
        return rows == null ? List.of() : rows;
    }

    /** The next run in the subscription's zone (the tenant's unless it has its own), in the viewer's language. */
    public String nextRun(Subscription s) {
        if (s.nextRunAt() == null) {
            return "—";
        }
        ZoneId zone = s.zoneOr(tenants.find(tenant).map(Tenant::getTimeZone).orElse(ZoneId.of("UTC")));
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT).withLocale(locale())
                .format(s.nextRunAt().atZone(zone)) + " (" + zone.getId() + ")";
    }

    public String recipients(Subscription s) {
        return String.join(", ", s.recipients());
    }

    public String lastRun(Subscription s) {
        return s.lastRunAt() == null ? "—" : DateTimeFormatter.ISO_INSTANT.format(s.lastRunAt());
    }

    public List<String> getReports() { return Arrays.stream(ReportName.values()).map(ReportName::apiName).toList(); }
    public List<String> getPeriods() { return Arrays.stream(PeriodKind.values()).map(PeriodKind::apiName).toList(); }
    public List<String> getFormatNames() { return Arrays.stream(ExportFormat.values()).map(ExportFormat::apiName).toList(); }
    public List<String> getFrequencies() { return Arrays.stream(Frequency.values()).map(Frequency::apiName).toList(); }
    public List<String> getWeekdays() {
        return Arrays.stream(DayOfWeek.values()).map(d -> d.name().toLowerCase(Locale.ROOT)).toList();
    }
    public List<Tenant> getTenants() { return caller.visible(tenants.findAll()); }

    public String getQueuesText() { return form == null ? null : String.join(", ", form.getQueues()); }
    public void setQueuesText(String v) { form.setQueues(split(v)); }
    public String getAgentsText() { return form == null ? null : String.join(", ", form.getAgents()); }
    public void setAgentsText(String v) { form.setAgents(split(v)); }
    public String getRecipientsText() { return form == null ? null : String.join("\n", form.getRecipients()); }
    public void setRecipientsText(String v) { form.setRecipients(split(v)); }

    private static List<String> split(String v) {
        return v == null || v.isBlank() ? new java.util.ArrayList<>()
                : new java.util.ArrayList<>(Arrays.stream(v.split("[,;\\n]+")).map(String::strip).filter(s -> !s.isEmpty()).toList());
    }

    private static Locale locale() {
        return FacesContext.getCurrentInstance().getViewRoot().getLocale();
    }

    private static void info(String text) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, text, null));
    }

    private static void error(String text) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, text, null));
    }

    public String getTenant() { return tenant; }
    public void setTenant(String tenant) {
        this.tenant = tenant;
        rows = null;
    }
    public String getSubscribe() { return subscribe; }
    public void setSubscribe(String subscribe) { this.subscribe = subscribe; }
    public String getQueues() { return queues; }
    public void setQueues(String queues) { this.queues = queues; }
    public String getAgents() { return agents; }
    public void setAgents(String agents) { this.agents = agents; }
    public String getTz() { return tz; }
    public void setTz(String tz) { this.tz = tz; }
    public SubscriptionForm getForm() { return form; }
    public long getEditing() { return editing; }
    public Instant getNow() { return Instant.now(); }
}
