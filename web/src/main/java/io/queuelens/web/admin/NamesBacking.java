package io.queuelens.web.admin;

import io.queuelens.names.boundary.DisplayNames;
import io.queuelens.names.entity.InvalidDisplayName;
import io.queuelens.names.entity.NameEntry;
import io.queuelens.names.entity.NameKind;
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
import java.util.List;

/**
 * /admin/names.xhtml: the display names of one tenant's queues and agents, learned and manual, with edit
 * and reset-to-learned. ADMIN and MANAGER (AccessRules), for the tenants they may see; a user limited to
 * some queues sees and names only those queues.
 */
@Named
@ViewScoped
public class NamesBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    DisplayNames names;

    @Inject
    Tenants tenants;

    @Inject
    Caller caller;

    private String tenant;
    private String kind = NameKind.AGENT.name();
    private String key;
    private String displayName;
    private transient List<Tenant> tenantChoices;
    private transient List<NameEntry> rows;

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

    public List<NameEntry> getRows() {
        if (rows == null) {
            rows = tenant == null || !caller.mayViewTenant(tenant) ? List.of() : names.entries(tenant).stream()
                    .filter(e -> e.kind() != NameKind.QUEUE || caller.access().mayViewQueue(tenant, e.key())).toList();
        }
        return rows;
    }

    public void edit(String entryKind, String entryKey) {
        kind = entryKind;
        key = entryKey;
        displayName = getRows().stream().filter(e -> e.kind().name().equals(entryKind) && e.key().equals(entryKey))
                .findFirst().map(NameEntry::shown).orElse(entryKey);
    }

    public void save() {
        FacesContext faces = FacesContext.getCurrentInstance();
        if (!mayChange(kind, key)) {
            fail(faces, new InvalidDisplayName("key", "names.error.queueHidden", "not a queue of yours"));
            return;
        }
        try {
            names.setManual(tenant, kind, key, displayName, caller.name());
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, Messages.text("names.saved", key), null));
            key = null;
            displayName = null;
            rows = null;
        } catch (InvalidDisplayName e) {
            fail(faces, e);
        }
    }

    public void reset(String entryKind, String entryKey) {
        FacesContext faces = FacesContext.getCurrentInstance();
        if (mayChange(entryKind, entryKey) && names.resetManual(tenant, entryKind, entryKey, caller.name())) {
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, Messages.text("names.resetDone", entryKey), null));
        }
        rows = null;
    }

    private boolean mayChange(String entryKind, String entryKey) {
        if (tenant == null || !caller.mayViewTenant(tenant)) {
            return false;
        }
        return !NameKind.QUEUE.name().equals(entryKind) || entryKey == null
                || caller.access().mayViewQueue(tenant, entryKey.strip());
    }

    private static void fail(FacesContext faces, InvalidDisplayName e) {
        faces.validationFailed();
        String text = Messages.text(e.messageKey());
        faces.addMessage("nameForm:" + e.field(), new FacesMessage(FacesMessage.SEVERITY_ERROR, text, text));
    }

    public String getTenant() { return tenant; }
    public void setTenant(String v) { tenant = v; }
    public String getKind() { return kind; }
    public void setKind(String v) { kind = v; }
    public String getKey() { return key; }
    public void setKey(String v) { key = v; }
    public String getDisplayName() { return displayName; }
    public void setDisplayName(String v) { displayName = v; }
    public NameKind[] getKinds() { return NameKind.values(); }
}
