package io.queuelens.web.admin;

import io.queuelens.tenancy.boundary.Tenants;
import io.queuelens.tenancy.entity.InvalidTenant;
import io.queuelens.tenancy.entity.Tenant;
import io.queuelens.tenancy.entity.TenantDraft;
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
 * Backs admin/tenants.xhtml (ADMIN): the tenants, and one form that creates a tenant or edits name,
 * time zone, locale and currency of one (its id stays). Every bad field gets its own message.
 */
@Named
@ViewScoped
public class TenantsBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    Tenants tenants;

    @Inject
    Caller caller;

    private String editingId;
    private String id;
    private String name;
    private String timeZone = "UTC";
    private String locale = "en";
    private String currency = "EUR";
    private transient List<Tenant> rows;

    public List<Tenant> getRows() {
        if (rows == null) {
            rows = tenants.findAll();
        }
        return rows;
    }

    public void edit(String tenantId) {
        tenants.find(tenantId).ifPresent(t -> {
            editingId = t.getId();
            id = t.getId();
            name = t.getName();
            timeZone = t.getTimeZone().getId();
            locale = t.getLocale().toLanguageTag();
            currency = t.getCurrency().getCurrencyCode();
        });
    }

    public void cancel() {
        editingId = null;
        id = null;
        name = null;
        timeZone = "UTC";
        locale = "en";
        currency = "EUR";
    }

    public void save() {
        FacesContext faces = FacesContext.getCurrentInstance();
        try {
            TenantDraft draft = new TenantDraft(editingId != null ? editingId : id, name, timeZone, locale, currency);
            Tenant t = editingId != null ? tenants.change(draft, caller.name()) : tenants.create(draft, caller.name());
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO,
                    Messages.text(editingId != null ? "tenants.changed" : "tenants.created", t.getId()), null));
            cancel();
            rows = null;
        } catch (InvalidTenant e) {
            faces.validationFailed();
            e.problems().forEach((field, key) -> faces.addMessage("tenantForm:" + field,
                    new FacesMessage(FacesMessage.SEVERITY_ERROR, Messages.text(key), Messages.text(key))));
        }
    }

    public boolean isEditing() { return editingId != null; }
    public String getEditingId() { return editingId; }
    public String getId() { return id; }
    public void setId(String v) { id = v; }
    public String getName() { return name; }
    public void setName(String v) { name = v; }
    public String getTimeZone() { return timeZone; }
    public void setTimeZone(String v) { timeZone = v; }
    public String getLocale() { return locale; }
    public void setLocale(String v) { locale = v; }
    public String getCurrency() { return currency; }
    public void setCurrency(String v) { currency = v; }
}
