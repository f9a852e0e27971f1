package io.queuelens.web.admin;

import io.queuelens.identity.entity.Access;
import io.queuelens.identity.entity.Role;
import io.queuelens.mail.boundary.MailDeliveries;
import io.queuelens.mail.boundary.SmtpSettings;
import io.queuelens.mail.entity.DeliveryStatus;
import io.queuelens.mail.entity.InvalidMail;
import io.queuelens.mail.entity.MailDelivery;
import io.queuelens.mail.entity.MailProblem;
import io.queuelens.mail.entity.MailSettings;
import io.queuelens.mail.entity.MailSettingsForm;
import io.queuelens.mail.entity.SmtpSecurity;
import io.queuelens.mail.entity.SmtpTestResult;
import io.queuelens.tenancy.boundary.Tenants;
import io.queuelens.tenancy.entity.Tenant;
import io.queuelens.web.i18n.Messages;
import io.queuelens.web.security.Caller;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.model.SelectItem;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.omnifaces.cdi.ViewScoped;

import java.io.Serializable;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Backs admin/mail.xhtml: the SMTP settings of one scope ({@code ?tenant=}; {@code *} = server-wide), their
 * test, and the scope's delivery log with resend. ADMIN: every scope; a tenant's MANAGER (seeing all its
 * queues): that tenant's. The password field is write-only: empty keeps the stored password.
 */
@Named
@ViewScoped
public class MailBacking implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final Set<String> FIELDS = Set.of("host", "port", "security", "username", "password", "fromAddress",
            "fromName", "testRecipient");

    @Inject
    SmtpSettings settings;

    @Inject
    MailDeliveries deliveries;

    @Inject
    Tenants tenants;

    @Inject
    Caller caller;

    private String tenant;
    private String status;
    private MailSettingsForm form;
    private boolean stored;
    private boolean passwordStored;
    private String effectiveScope;
    private String testRecipient;
    private SmtpTestResult testResult;
    private transient List<MailDelivery> rows;

    /** f:viewAction: the scope (the first one the caller may manage when none is asked for) and its settings. */
    public void load() {
        List<SelectItem> scopes = getScopes();
        if (tenant == null || tenant.isBlank()) {
            tenant = scopes.isEmpty() ? null : (String) scopes.get(0).getValue();
        }
        if (tenant == null || scopes.stream().noneMatch(s -> s.getValue().equals(tenant.strip()))) {
            Caller.forbid(); // not a scope of theirs, whether it exists or not
            return;
        }
        tenant = tenant.strip();
        reload();
    }

    public String show() {
        return "/admin/mail?faces-redirect=true&includeViewParams=true";
    }

    public void save() {
        if (refused()) {
            return;
        }
        try {
            settings.save(tenant, form);
            info(Messages.text("mail.saved"));
            reload();
        } catch (InvalidMail e) {
            problems(e);
        } catch (SQLException | RuntimeException e) {
            error(null, Messages.text("mail.error", e.getMessage()));
        }
    }

    public void delete() {
        if (refused()) {
            return;
        }
        try {
            settings.delete(tenant);
            info(Messages.text("mail.deleted"));
            reload();
        } catch (SQLException e) {
            error(null, Messages.text("mail.error", e.getMessage()));
        }
    }

    public void test() {
        if (refused()) {
            return;
        }
        try {
            testResult = settings.test(tenant, form, testRecipient);
        } catch (InvalidMail e) {
            testResult = null;
            problems(e);
        } catch (SQLException | RuntimeException e) {
            error(null, Messages.text("mail.error", e.getMessage()));
        }
    }

    /** A test mail through the outbox, shown in the delivery log below as it goes out (or is retried). */
    public void queueTest() {
        if (refused()) {
            return;
        }
        try {
            long id = settings.queueTestMail(tenant, testRecipient);
            info(Messages.text("mail.queued", id));
            rows = null;
        } catch (InvalidMail e) {
            problems(e);
        } catch (SQLException | RuntimeException e) {
            error(null, Messages.text("mail.error", e.getMessage()));
        }
    }

    /** The status filter changed: the list is read again. */
    public void filter() {
        rows = null;
    }

    public void resend(long id) {
        if (refused()) {
            return;
        }
        try {
            Optional<MailDelivery> d = deliveries.find(id).filter(x -> x.scope().equals(tenant));
            if (d.isPresent() && deliveries.resend(d.get())) {
                info(Messages.text("mail.resent", id));
            } else {
                error(null, Messages.text("mail.resendRefused", id));
            }
            rows = null;
        } catch (SQLException e) {
            error(null, Messages.text("mail.error", e.getMessage()));
        }
    }

    /**
     * Before every action: the scope must be one the caller may manage. The check of {@link #load} is not
     * enough: a postback can carry another {@code ?tenant=}, which the view parameter takes over.
     */
    private boolean refused() {
        if (mayManage()) {
            return false;
        }
        Caller.forbid();
        return true;
    }

    private boolean mayManage() {
        return tenant != null && getScopes().stream().anyMatch(s -> s.getValue().equals(tenant));
    }

    private void reload() {
        try {
            Optional<MailSettings> own = settings.find(tenant);
            stored = own.isPresent();
            passwordStored = own.map(MailSettings::passwordSet).orElse(false);
            form = own.map(MailSettingsForm::of).orElseGet(MailSettingsForm::blank);
            effectiveScope = settings.effective(tenant).map(MailSettings::scope).orElse(null);
            rows = null;
        } catch (SQLException e) {
            error(null, Messages.text("mail.error", e.getMessage()));
        }
    }

    private void problems(InvalidMail e) {
        for (MailProblem p : e.problems()) {
            error(p.field() != null && FIELDS.contains(p.field()) ? "mailForm:" + p.field() : null,
                    Messages.textOr("mail.p." + p.key(), p.message(), p.args().toArray()));
        }
        FacesContext.getCurrentInstance().validationFailed();
    }

    private static void info(String text) {
        FacesContext.getCurrentInstance().addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, text, null));
    }

    private static void error(String clientId, String text) {
        FacesContext.getCurrentInstance().addMessage(clientId,
                new FacesMessage(FacesMessage.SEVERITY_ERROR, clientId == null ? text : Messages.text("mail.invalid"), text));
    }

    /** The scopes the caller may manage: server-wide for an ADMIN, then the tenants. */
    public List<SelectItem> getScopes() {
        Access access = caller.access();
        List<SelectItem> items = new ArrayList<>();
        if (access.isAdmin()) {
            items.add(new SelectItem(MailSettings.SERVER_WIDE, Messages.text("mail.serverWide")));
        }
        for (Tenant t : tenants.findAll()) {
            if (access.isAdmin() || (access.hasRole(Role.MANAGER) && access.mayViewTenant(t.getId())
                    && !access.isQueueRestricted(t.getId()))) {
                items.add(new SelectItem(t.getId(), t.getName()));
            }
        }
        return items;
    }

    public List<MailDelivery> getRows() {
        if (rows == null && tenant != null && mayManage()) {
            try {
                DeliveryStatus s = status == null || status.isBlank() ? null : DeliveryStatus.valueOf(status);
                rows = deliveries.list(tenant, s);
            } catch (SQLException | IllegalArgumentException e) {
                rows = List.of();
            }
        }
        return rows == null ? List.of() : rows;
    }

    public String time(Instant t) {
        return t == null ? "" : DateTimeFormatter.ofLocalizedDateTime(FormatStyle.SHORT, FormatStyle.MEDIUM)
                .withLocale(FacesContext.getCurrentInstance().getViewRoot().getLocale()).withZone(ZoneOffset.UTC).format(t);
    }

    /** Write-only password field: never filled from the stored settings. */
    public String getPasswordInput() {
        return null;
    }

    public void setPasswordInput(String password) {
        if (form != null) {
            form.setPassword(password);
        }
    }

    public SmtpSecurity[] getSecurities() { return SmtpSecurity.values(); }
    public DeliveryStatus[] getStatuses() { return DeliveryStatus.values(); }
    public String getTenant() { return tenant; }
    public void setTenant(String tenant) { this.tenant = tenant; }
    public String getStatus() { return status; }
    public void setStatus(String status) { this.status = status; }
    public MailSettingsForm getForm() { return form; }
    public boolean isStored() { return stored; }
    public boolean isPasswordStored() { return passwordStored; }
    public boolean isServerWide() { return MailSettings.SERVER_WIDE.equals(tenant); }
    public String getEffectiveScope() { return effectiveScope; }
    public String getTestRecipient() { return testRecipient; }
    public void setTestRecipient(String testRecipient) { this.testRecipient = testRecipient; }
    public SmtpTestResult getTestResult() { return testResult; }
}
