package io.queuelens.web.admin;

import io.queuelens.sources.asterisk.entity.InvalidSourceConfig;
import io.queuelens.sources.boundary.SourceStatus;
import io.queuelens.sources.genesys.boundary.GenesysOrgs;
import io.queuelens.sources.genesys.entity.ConnectionTest;
import io.queuelens.sources.genesys.entity.CrossCheckRow;
import io.queuelens.sources.genesys.entity.GenesysApiStats;
import io.queuelens.sources.genesys.entity.GenesysRegion;
import io.queuelens.sources.genesys.entity.GenesysSourceConfig;
import io.queuelens.sources.genesys.entity.GenesysSourceForm;
import io.queuelens.tenancy.boundary.Tenants;
import io.queuelens.tenancy.entity.Tenant;
import io.queuelens.vault.control.VaultException;
import io.queuelens.web.i18n.Messages;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.omnifaces.cdi.ViewScoped;

import java.io.Serializable;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Backs admin/genesys.xhtml: the tenant's Genesys Cloud orgs with their live state, last read and last
 * cross-check; the add/edit form (the client secret is write-only: never filled back, empty keeps the
 * stored one); the step-by-step connection test; the orgs' API calls and the cross-checks of the last
 * {@value #CHECK_DAYS} days. The tenant is in the URL ({@code ?tenant=}); problems go on their field.
 */
@Named
@ViewScoped // the form, the org being edited and the test's steps must survive the ajax posts
public class GenesysBacking implements Serializable {

    private static final long serialVersionUID = 1L;
    /** Form fields with a component of that id on the page. */
    private static final Set<String> FIELDS = Set.of("name", "displayName", "region", "baseUrl", "clientId", "clientSecret");
    static final int CHECK_DAYS = 14;

    @Inject
    GenesysOrgs orgs;

    @Inject
    Tenants tenants;

    private String tenant;
    private transient List<Tenant> tenantChoices;
    private transient List<OrgRow> rows;
    private transient List<CrossCheckRow> crossChecks;
    private GenesysSourceForm form;
    private Long editingId;
    private boolean secretStored;
    private ConnectionTest test;

    /** One org of the list: its settings without the secret, and what runs for it. */
    public record OrgRow(GenesysSourceConfig.View org, SourceStatus status, Instant lastImport, Instant lastCrossCheck) {

        /** STARTING ... STOPPED, or STOPPED for an org that does not run (disabled, or not started yet). */
        public String state() {
            return status == null ? SourceStatus.State.STOPPED.name() : status.state().name();
        }
    }

    /** One endpoint of an org's recent API calls: how often, which statuses, how long. */
    public record EndpointRow(String org, String endpoint, long count, String statuses, long p50Millis, long maxMillis,
                              boolean failing) {
    }

    /** f:viewAction: the tenant (the first one when none is asked for) and its orgs. */
    public void load() {
        Tenant t = currentTenant();
        if (t == null) {
            error(null, Messages.text("asrc.unknownTenant", String.valueOf(tenant)));
            tenant = null; // nothing is read or written for a tenant that does not exist
            return;
        }
        tenant = t.getId();
        refresh();
    }

    public String show() {
        return "/admin/genesys?faces-redirect=true&includeViewParams=true";
    }

    public void add() {
        form = new GenesysSourceForm();
        editingId = null;
        secretStored = false;
        test = null;
    }

    public void edit(long id) {
        try {
            GenesysSourceConfig c = orgs.find(tenant, id).orElse(null);
            if (c == null) {
                error(null, Messages.text("gsrc.gone"));
                return;
            }
            form = GenesysSourceForm.of(c);
            editingId = id;
            secretStored = c.clientSecret() != null;
            test = null;
        } catch (SQLException e) {
            error(null, Messages.text("gsrc.error", e.getMessage()));
        }
    }

    public void cancel() {
        form = null;
        editingId = null;
        test = null;
    }

    public void save() {
        try {
            GenesysSourceConfig saved = editingId == null ? orgs.create(tenant, form) : orgs.update(tenant, editingId, form);
            FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO,
                    Messages.text("gsrc.saved", saved.displayName()), null));
            cancel();
            refresh();
        } catch (InvalidSourceConfig e) {
            problems(e);
        } catch (SQLException | VaultException e) {
            error(null, Messages.text("gsrc.error", e.getMessage()));
        }
    }

    public void delete(long id) {
        try {
            if (orgs.delete(tenant, id)) {
                FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO,
                        Messages.text("gsrc.deleted"), null));
            }
            if (editingId != null && editingId == id) {
                cancel();
            }
            refresh();
        } catch (SQLException e) {
            error(null, Messages.text("gsrc.error", e.getMessage()));
        }
    }

    public void testConnection() {
        try {
            test = orgs.test(tenant, editingId, form);
        } catch (InvalidSourceConfig e) {
            test = null;
            problems(e);
        } catch (SQLException | VaultException e) {
            error(null, Messages.text("gsrc.error", e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error(null, Messages.text("gsrc.error", e.getMessage()));
        }
    }

    private void refresh() {
        try {
            crossChecks = orgs.crossChecks(tenant, LocalDate.now(zone()).minusDays(CHECK_DAYS), LocalDate.now(zone()));
            Map<String, Instant> lastCheck = crossChecks.stream().collect(Collectors.toMap(CrossCheckRow::sourceId,
                    CrossCheckRow::checkedAt, (a, b) -> a.isAfter(b) ? a : b));
            List<OrgRow> out = new ArrayList<>();
            for (GenesysSourceConfig c : orgs.ofTenant(tenant)) {
                out.add(new OrgRow(c.view(), orgs.liveStatus(tenant, c.name()).orElse(null),
                        orgs.lastImported(c).orElse(null), lastCheck.get(c.name())));
            }
            rows = out;
        } catch (SQLException e) {
            rows = List.of();
            crossChecks = List.of();
            error(null, Messages.text("gsrc.error", e.getMessage()));
        }
    }

    private void problems(InvalidSourceConfig e) {
        SourceFormMessages.problems("orgForm", FIELDS, e);
    }

    private static void error(String clientId, String text) {
        SourceFormMessages.error(clientId, text);
    }

    private Tenant currentTenant() {
        return SourceFormMessages.chosen(getTenants(), tenant);
    }

    private java.time.ZoneId zone() {
        Tenant t = currentTenant();
        return t == null ? java.time.ZoneOffset.UTC : t.getTimeZone();
    }

    public List<Tenant> getTenants() {
        if (tenantChoices == null) {
            tenantChoices = tenants.findAll();
        }
        return tenantChoices;
    }

    /** The rows; re-read after a post (the list is not kept in the view state). */
    public List<OrgRow> getRows() {
        if (rows == null && tenant != null) {
            refresh();
        }
        return rows == null ? List.of() : rows;
    }

    /** The cross-checks of the last days, newest day first. */
    public List<CrossCheckRow> getCrossChecks() {
        if (crossChecks == null && tenant != null) {
            refresh();
        }
        return crossChecks == null ? List.of() : crossChecks.stream()
                .sorted(Comparator.comparing(CrossCheckRow::day).reversed()).toList();
    }

    /** The days of the last {@value #CHECK_DAYS} whose cross-check differs somewhere, newest first. */
    public List<LocalDate> getMismatchDays() {
        return getCrossChecks().stream().filter(CrossCheckRow::mismatch).map(CrossCheckRow::day).distinct().toList();
    }

    /** The running orgs' call totals (p50/p95 of the recent calls). */
    public List<GenesysApiStats> getApiStats() {
        return tenant == null ? List.of() : orgs.apiStats(tenant);
    }

    /** The recent calls of every running org, per endpoint: count, the statuses seen (with their counts), durations. */
    public List<EndpointRow> getEndpoints() {
        return endpoints(getApiStats());
    }

    static List<EndpointRow> endpoints(List<GenesysApiStats> stats) {
        List<EndpointRow> out = new ArrayList<>();
        for (GenesysApiStats s : stats) {
            Map<String, List<GenesysApiStats.Call>> byEndpoint = s.recent().stream()
                    .collect(Collectors.groupingBy(c -> c.method() + " " + c.endpoint(), TreeMap::new, Collectors.toList()));
            byEndpoint.forEach((endpoint, calls) -> {
                long[] millis = calls.stream().mapToLong(GenesysApiStats.Call::millis).sorted().toArray();
                String statuses = calls.stream().collect(Collectors.groupingBy(c -> c.status() == 0 ? "-" : Integer.toString(c.status()),
                        TreeMap::new, Collectors.counting())).entrySet().stream()
                        .map(e -> e.getKey() + " \u00d7" + e.getValue()).collect(Collectors.joining(", "));
                boolean failing = calls.stream().anyMatch(c -> c.status() == 0 || c.status() >= 400);
                out.add(new EndpointRow(s.org(), endpoint, calls.size(), statuses, millis[(millis.length - 1) / 2],
                        millis[millis.length - 1], failing));
            });
        }
        return out;
    }

    public List<String> getRegions() {
        return GenesysRegion.DOMAINS;
    }

    /** The secret field: write-only. Empty keeps what is stored (or what was entered before in this form). */
    public String getClientSecretInput() {
        return null;
    }

    public void setClientSecretInput(String v) {
        if (v != null && !v.isEmpty()) {
            form.setClientSecret(v);
        }
    }

    /** A secret is stored or was entered in this form: an empty field keeps it. */
    public boolean isSecretKept() {
        return secretStored || (form != null && form.getClientSecret() != null);
    }

    public String getTenant() { return tenant; }
    public void setTenant(String v) { tenant = v; }
    public GenesysSourceForm getForm() { return form; }
    public Long getEditingId() { return editingId; }
    public ConnectionTest getTest() { return test; }
}
