package io.queuelens.web.admin;

import io.queuelens.sources.asterisk.boundary.AsteriskSourceConfigs;
import io.queuelens.sources.asterisk.entity.AsteriskSourceConfig;
import io.queuelens.sources.asterisk.entity.AsteriskSourceForm;
import io.queuelens.sources.asterisk.entity.ConfiguredSourceView;
import io.queuelens.sources.asterisk.entity.ConnectionCheck;
import io.queuelens.sources.asterisk.entity.InvalidSourceConfig;
import io.queuelens.sources.asterisk.entity.QueueLogMode;
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
import java.util.List;
import java.util.Set;

/**
 * Backs admin/sources.xhtml: the tenant's configured PBXs with their readers' state, and the add/edit
 * form. The tenant is in the URL ({@code ?tenant=}). Problems go on the field they belong to; the
 * password and secret fields are write-only (never filled from the stored source).
 */
@Named
@ViewScoped // the form and the source being edited must survive the ajax posts
public class SourcesBacking implements Serializable {

    private static final long serialVersionUID = 1L;
    /** Form fields with a component of that id on the page. */
    private static final Set<String> FIELDS = Set.of("name", "displayName", "mode", "dbUrl", "dbUser", "dbPassword",
            "queueLogTable", "queueLogFile", "cdrTable", "amiHost", "amiPort", "amiUser", "amiSecret", "timeZone");

    @Inject
    AsteriskSourceConfigs configs;

    @Inject
    Tenants tenants;

    private String tenant;
    private transient List<Tenant> tenantChoices;
    private transient List<ConfiguredSourceView> rows;
    private AsteriskSourceForm form;
    private Long editingId;
    private boolean dbPasswordStored;
    private boolean amiSecretStored;
    private List<ConnectionCheck> checks = List.of();

    /** f:viewAction: the tenant (the first one when none is asked for) and its sources. */
    public void load() {
        Tenant t = currentTenant();
        if (t == null) {
            error(null, Messages.text("asrc.unknownTenant", String.valueOf(tenant)));
            return;
        }
        tenant = t.getId();
        refresh();
    }

    public String show() {
        return "/admin/sources?faces-redirect=true&includeViewParams=true";
    }

    public void add() {
        form = new AsteriskSourceForm();
        editingId = null;
        dbPasswordStored = false;
        amiSecretStored = false;
        checks = List.of();
    }

    public void edit(long id) {
        try {
            AsteriskSourceConfig c = configs.find(tenant, id).orElse(null);
            if (c == null) {
                error(null, Messages.text("asrc.gone"));
                return;
            }
            form = AsteriskSourceForm.of(c);
            editingId = id;
            dbPasswordStored = c.dbPassword() != null;
            amiSecretStored = c.amiSecret() != null;
            checks = List.of();
        } catch (SQLException e) {
            error(null, Messages.text("asrc.error", e.getMessage()));
        }
    }

    public void cancel() {
        form = null;
        editingId = null;
        checks = List.of();
    }

    public void save() {
        try {
            AsteriskSourceConfig saved = editingId == null ? configs.create(tenant, form) : configs.update(tenant, editingId, form);
            FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO,
                    Messages.text("asrc.saved", saved.displayName()), null));
            cancel();
            refresh();
        } catch (InvalidSourceConfig e) {
            problems(e);
        } catch (SQLException | VaultException e) {
            error(null, Messages.text("asrc.error", e.getMessage()));
        }
    }

    public void testConnection() {
        try {
            checks = configs.testConnection(tenant, editingId, form);
        } catch (InvalidSourceConfig e) {
            checks = List.of();
            problems(e);
        } catch (SQLException | VaultException e) {
            error(null, Messages.text("asrc.error", e.getMessage()));
        }
    }

    public void setEnabled(long id, boolean enabled) {
        try {
            configs.setEnabled(tenant, id, enabled);
            refresh();
        } catch (SQLException e) {
            error(null, Messages.text("asrc.error", e.getMessage()));
        }
    }

    private void refresh() {
        try {
            rows = configs.ofTenant(tenant);
        } catch (SQLException e) {
            rows = List.of();
            error(null, Messages.text("asrc.error", e.getMessage()));
        }
    }

    private void problems(InvalidSourceConfig e) {
        SourceFormMessages.problems("sourceForm", FIELDS, e);
    }

    private static void error(String clientId, String text) {
        SourceFormMessages.error(clientId, text);
    }

    private Tenant currentTenant() {
        return SourceFormMessages.chosen(getTenants(), tenant);
    }

    public List<Tenant> getTenants() {
        if (tenantChoices == null) {
            tenantChoices = tenants.findAll();
        }
        return tenantChoices;
    }

    /** The rows; re-read after a post (the list is not kept in the view state). */
    public List<ConfiguredSourceView> getRows() {
        if (rows == null && tenant != null) {
            refresh();
        }
        return rows == null ? List.of() : rows;
    }

    public String getTenantZone() {
        Tenant t = currentTenant();
        return t == null ? "" : t.getTimeZone().getId();
    }

    public QueueLogMode[] getModes() {
        return QueueLogMode.values();
    }

    public boolean isTableMode() {
        return form != null && form.getMode() == QueueLogMode.TABLE;
    }

    /**
     * The password field: write-only. Empty keeps what is stored (or what was entered before a failed
     * save, since the field is never redisplayed); JSF never reads the secret back into the page.
     */
    public String getDbPasswordInput() {
        return null;
    }

    public void setDbPasswordInput(String v) {
        if (v != null && !v.isEmpty()) {
            form.setDbPassword(v);
        }
    }

    public String getAmiSecretInput() {
        return null;
    }

    public void setAmiSecretInput(String v) {
        if (v != null && !v.isEmpty()) {
            form.setAmiSecret(v);
        }
    }

    /** A secret is stored or was entered in this form: an empty field keeps it. */
    public boolean isDbPasswordKept() {
        return dbPasswordStored || (form != null && form.getDbPassword() != null);
    }

    public boolean isAmiSecretKept() {
        return amiSecretStored || (form != null && form.getAmiSecret() != null);
    }

    public String getTenant() { return tenant; }
    public void setTenant(String v) { tenant = v; }
    public AsteriskSourceForm getForm() { return form; }
    public Long getEditingId() { return editingId; }
    public boolean isDbPasswordStored() { return dbPasswordStored; }
    public boolean isAmiSecretStored() { return amiSecretStored; }
    public List<ConnectionCheck> getChecks() { return checks; }
}
