package io.queuelens.web.settings;

import io.queuelens.kpi.boundary.KpiSettingsService;
import io.queuelens.kpi.entity.InvalidKpiSettingsException;
import io.queuelens.kpi.entity.KpiSettings;
import io.queuelens.kpi.entity.QueueSettingsOverride;
import io.queuelens.kpi.entity.RebuildStatus;
import io.queuelens.kpi.entity.SettingsChange;
import io.queuelens.kpi.entity.SlaMode;
import io.queuelens.reports.boundary.SummaryReports;
import io.queuelens.reports.entity.GroupBy;
import io.queuelens.reports.entity.SummaryRequest;
import io.queuelens.rollups.entity.Buckets;
import io.queuelens.tenancy.boundary.Tenants;
import io.queuelens.tenancy.entity.Tenant;
import io.queuelens.web.i18n.Messages;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.omnifaces.cdi.ViewScoped;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Backs admin/kpi-settings.xhtml: the settings every figure is computed with, per tenant, as versions
 * that take effect at local midnight of a chosen day. Ranges are checked on the fields by the page; the
 * rules only the service knows (the grid, no slipping under the latest version) come back as
 * {@link InvalidKpiSettingsException} and are put on the field they name.
 */
@Named
@ViewScoped
public class KpiSettingsBacking implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final Map<String, String> FIELD_OF_PROBLEM = Map.of(
            "effectiveFrom", "effective", "slaSeconds", "sla", "shortAbandonSeconds", "shortAbandon",
            "slaMode", "slaMode", "shortCallSeconds", "shortCall", "repeatWindowHours", "repeatWindow",
            "billablePauseReasons", "billable", "acwMatchSeconds", "acwMatch");

    @Inject
    KpiSettingsService settings;

    @Inject
    Tenants tenants;

    @Inject
    SummaryReports summaries;

    private String tenant;
    private transient List<Tenant> tenantChoices;
    private ZoneId zone = ZoneId.of("UTC");
    private final DefaultsForm defaults = new DefaultsForm();
    private final QueueForm queue = new QueueForm();
    private List<String> queueChoices = List.of();

    /** f:viewAction: the tenant (first one when none is given) and its settings in force today. */
    public void load() {
        tenantChoices = tenants.findAll();
        Tenant t = tenantChoices.stream().filter(x -> x.getId().equals(tenant)).findFirst()
                .orElse(tenantChoices.isEmpty() ? null : tenantChoices.get(0));
        if (t == null) {
            return;
        }
        tenant = t.getId();
        zone = t.getTimeZone();
        LocalDate today = LocalDate.now(zone);
        KpiSettings current = settings.history(tenant).getEffective("", Instant.now());
        defaults.fill(current, today);
        queue.effective = today;
        queueChoices = knownQueues();
    }

    public String saveDefaults() {
        try {
            KpiSettings proposed = KpiSettings.builder().effectiveFrom(startOf(defaults.effective))
                    .slaSeconds(defaults.sla).shortAbandonSeconds(defaults.shortAbandon).slaMode(defaults.slaMode)
                    .shortCallSeconds(defaults.shortCall).repeatWindowHours(defaults.repeatWindow)
                    .billablePauseReasons(reasons(defaults.billable)).acwMatchSeconds(defaults.acwMatch).build();
            KpiSettings stored = settings.changeDefaults(tenant, proposed, user());
            return saved(Messages.text("kpi.saved", stored.version()));
        } catch (InvalidKpiSettingsException e) {
            showProblems("defaults", e);
            return null;
        }
    }

    public String saveQueue() {
        try {
            QueueSettingsOverride stored = settings.changeQueue(tenant, new QueueSettingsOverride(queue.name, 1,
                    startOf(queue.effective), queue.sla, queue.shortAbandon, queue.slaMode, queue.shortCall,
                    queue.repeatWindow, queue.acwMatch), user());
            return saved(Messages.text("kpi.savedQueue", stored.queue(), stored.version()));
        } catch (InvalidKpiSettingsException e) {
            showProblems("queue", e);
            return null;
        }
    }

    private String saved(String message) {
        FacesContext faces = FacesContext.getCurrentInstance();
        faces.getExternalContext().getFlash().setKeepMessages(true);
        faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, message, null));
        return "/admin/kpi-settings?faces-redirect=true&includeViewParams=true";
    }

    private void showProblems(String form, InvalidKpiSettingsException e) {
        FacesContext faces = FacesContext.getCurrentInstance();
        for (String problem : e.problems()) {
            String setting = problem.split(" ", 2)[0];
            String field = FIELD_OF_PROBLEM.get(setting);
            String text = problem.contains("must not be before") ? Messages.text("kpi.beforeLatest")
                    : problem.contains("15-minute grid") ? Messages.text("kpi.offGrid") : problem;
            faces.addMessage(field == null ? null : form + ":" + field,
                    new FacesMessage(FacesMessage.SEVERITY_ERROR, text, null));
        }
    }

    /** Local midnight of the day in the tenant's zone (always on the 15-minute UTC grid: offsets are quarter hours). */
    private Instant startOf(LocalDate day) {
        return day == null ? null : day.atStartOfDay(zone).toInstant();
    }

    private static List<String> reasons(String text) {
        return text == null || text.isBlank() ? List.of()
                : Arrays.stream(text.split("[,;]")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static String user() {
        return FacesContext.getCurrentInstance().getExternalContext().getRemoteUser();
    }

    /** Queues with calls in the last 31 days, and queues that already have overrides. */
    private List<String> knownQueues() {
        TreeSet<String> names = new TreeSet<>();
        Instant to = Buckets.floor(Instant.now()).plus(Buckets.WIDTH);
        summaries.summary(new SummaryRequest(tenant, to.minus(java.time.Duration.ofDays(31)), to, zone, List.of(),
                GroupBy.QUEUE, null)).rows().forEach(r -> names.add(r.queue()));
        settings.changes(tenant).stream().filter(c -> c.queue() != null).forEach(c -> names.add(c.queue()));
        return List.copyOf(names);
    }

    public List<SettingsChange> getChanges() {
        return tenant == null ? List.of() : settings.changes(tenant);
    }

    public RebuildStatus getRebuild() {
        return tenant == null ? null : settings.rebuildStatus(tenant);
    }

    /** The settings in force now for a queue, for the "in force" table. */
    public KpiSettings inForce(String queueName) {
        return settings.history(tenant).getEffective(queueName, Instant.now());
    }

    public String local(Instant t) {
        return t == null ? "" : DateTimeFormatter.ofLocalizedDateTime(FormatStyle.SHORT)
                .withLocale(FacesContext.getCurrentInstance().getViewRoot().getLocale()).withZone(zone).format(t);
    }

    public SlaMode[] getSlaModes() {
        return SlaMode.values();
    }

    public String getTenant() {
        return tenant;
    }

    public void setTenant(String tenant) {
        this.tenant = tenant;
    }

    public String getZone() {
        return zone.getId();
    }

    public List<Tenant> getTenants() {
        if (tenantChoices == null) {
            tenantChoices = tenants.findAll();
        }
        return tenantChoices;
    }

    public List<String> getQueueChoices() {
        return queueChoices;
    }

    public DefaultsForm getDefaults() {
        return defaults;
    }

    public QueueForm getQueue() {
        return queue;
    }

    /** The settings both forms have; an empty field in the queue form means "the tenant default". */
    public static class SettingsForm implements Serializable {
        private static final long serialVersionUID = 1L;
        LocalDate effective;
        Integer sla;
        Integer shortAbandon;
        SlaMode slaMode;
        Integer shortCall;
        Integer repeatWindow;
        Integer acwMatch;

        public LocalDate getEffective() { return effective; }
        public void setEffective(LocalDate v) { effective = v; }
        public Integer getSla() { return sla; }
        public void setSla(Integer v) { sla = v; }
        public Integer getShortAbandon() { return shortAbandon; }
        public void setShortAbandon(Integer v) { shortAbandon = v; }
        public SlaMode getSlaMode() { return slaMode; }
        public void setSlaMode(SlaMode v) { slaMode = v; }
        public Integer getShortCall() { return shortCall; }
        public void setShortCall(Integer v) { shortCall = v; }
        public Integer getRepeatWindow() { return repeatWindow; }
        public void setRepeatWindow(Integer v) { repeatWindow = v; }
        public Integer getAcwMatch() { return acwMatch; }
        public void setAcwMatch(Integer v) { acwMatch = v; }
    }

    /** The tenant defaults form, prefilled with what is in force. */
    public static final class DefaultsForm extends SettingsForm {
        private static final long serialVersionUID = 1L;
        private String billable;

        void fill(KpiSettings s, LocalDate day) {
            effective = day;
            sla = s.slaSeconds();
            shortAbandon = s.shortAbandonSeconds();
            slaMode = s.slaMode();
            shortCall = s.shortCallSeconds();
            repeatWindow = s.repeatWindowHours();
            billable = String.join(", ", new TreeSet<>(s.billablePauseReasons()));
            acwMatch = s.acwMatchSeconds();
        }

        public String getBillable() { return billable; }
        public void setBillable(String v) { billable = v; }
    }

    /** One queue's overrides. */
    public static final class QueueForm extends SettingsForm {
        private static final long serialVersionUID = 1L;
        private String name;

        public String getName() { return name; }
        public void setName(String v) { name = v; }
    }
}
