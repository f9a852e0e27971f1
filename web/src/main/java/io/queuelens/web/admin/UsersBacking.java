package io.queuelens.web.admin;

import io.queuelens.identity.boundary.UserAdministration;
import io.queuelens.identity.entity.InvalidUser;
import io.queuelens.identity.entity.Role;
import io.queuelens.identity.entity.UserDraft;
import io.queuelens.identity.entity.UserSummary;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Backs admin/users.xhtml (ADMIN): the users; invite (a random one-time password shown once, to be
 * changed at first login), reset password the same way, disable/enable, and one form for roles,
 * granted tenants and the queues of each (empty = every queue of the tenant).
 */
@Named
@ViewScoped
public class UsersBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    UserAdministration users;

    @Inject
    Tenants tenants;

    @Inject
    Caller caller;

    private boolean editing;
    private String username;
    private List<String> roles = new ArrayList<>();
    /** Tenant id -> the checkbox's value (a Boolean; declared Serializable so the view state replicates). */
    private final Map<String, java.io.Serializable> granted = new HashMap<>();
    private final Map<String, String> queues = new HashMap<>();
    /** The one-time password to show once, and whose it is. */
    private String shownPassword;
    private String shownFor;
    private transient List<UserSummary> rows;
    private transient List<Tenant> tenantRows;

    public List<UserSummary> getRows() {
        if (rows == null) {
            rows = users.list();
        }
        return rows;
    }

    public List<Tenant> getTenants() {
        if (tenantRows == null) {
            tenantRows = tenants.findAll();
        }
        return tenantRows;
    }

    public List<String> getRoleNames() {
        return Arrays.stream(Role.values()).map(Role::name).toList();
    }

    public void edit(String name) {
        getRows().stream().filter(u -> u.username().equals(name)).findFirst().ifPresent(u -> {
            editing = true;
            username = u.username();
            roles = new ArrayList<>(u.roles().stream().map(Role::name).toList());
            granted.clear();
            queues.clear();
            u.grants().forEach((t, qs) -> {
                granted.put(t, Boolean.TRUE);
                queues.put(t, String.join(", ", qs));
            });
        });
        shownPassword = null;
    }

    public void cancel() {
        editing = false;
        username = null;
        roles = new ArrayList<>();
        granted.clear();
        queues.clear();
    }

    public void save() {
        FacesContext faces = FacesContext.getCurrentInstance();
        try {
            UserDraft draft = new UserDraft(username, roleSet(), grants());
            if (editing) {
                users.change(draft, caller.name());
                faces.addMessage(null, info("users.changed", username));
                shownPassword = null;
            } else {
                shownPassword = users.invite(draft, caller.name());
                shownFor = username.strip();
                faces.addMessage(null, info("users.invited", shownFor));
            }
            cancel();
            rows = null;
        } catch (InvalidUser e) {
            problems(faces, e);
        }
    }

    public void resetPassword(String name) {
        FacesContext faces = FacesContext.getCurrentInstance();
        try {
            shownPassword = users.resetPassword(name, caller.name());
            shownFor = name;
            faces.addMessage(null, info("users.reset", name));
            rows = null;
        } catch (InvalidUser e) {
            problems(faces, e);
        }
    }

    public void setEnabled(String name, boolean enabled) {
        FacesContext faces = FacesContext.getCurrentInstance();
        try {
            users.setEnabled(name, enabled, caller.name());
            faces.addMessage(null, info(enabled ? "users.enabledNow" : "users.disabledNow", name));
            shownPassword = null;
            rows = null;
        } catch (InvalidUser e) {
            problems(faces, e);
        }
    }

    /** Shown once: the next action or page load forgets it. */
    public String takePassword() {
        String p = shownPassword;
        shownPassword = null;
        return p;
    }

    public boolean isPasswordShown() {
        return shownPassword != null;
    }

    private Set<Role> roleSet() {
        Set<Role> set = EnumSet.noneOf(Role.class);
        for (String r : roles) {
            set.add(Role.valueOf(r));
        }
        return set;
    }

    private Map<String, List<String>> grants() {
        Map<String, List<String>> g = new LinkedHashMap<>();
        for (Tenant t : getTenants()) {
            Object on = granted.get(t.getId());
            if (Boolean.TRUE.equals(on) || "true".equals(String.valueOf(on))) {
                String text = queues.getOrDefault(t.getId(), "");
                g.put(t.getId(), text == null || text.isBlank() ? List.of()
                        : Arrays.stream(text.split(",")).map(String::strip).toList());
            }
        }
        return g;
    }

    /** A user's grants as the list shows them: "demo (all)", "acme: sales, support". */
    public String describeGrants(UserSummary u) {
        if (u.roles().contains(Role.ADMIN)) {
            return Messages.text("users.allTenants");
        }
        List<String> parts = new ArrayList<>();
        u.grants().forEach((t, qs) -> parts.add(qs.isEmpty() ? t + " (" + Messages.text("users.allQueues") + ")"
                : t + ": " + String.join(", ", qs)));
        return String.join("; ", parts);
    }

    public String describeRoles(UserSummary u) {
        return String.join(", ", u.roles().stream().map(Role::name).toList());
    }

    private static FacesMessage info(String key, Object... args) {
        return new FacesMessage(FacesMessage.SEVERITY_INFO, Messages.text(key, args), null);
    }

    private static void problems(FacesContext faces, InvalidUser e) {
        faces.validationFailed();
        // each problem on its field: userForm:username, :roles, :tenants, :queues
        e.problems().forEach((field, key) -> faces.addMessage("userForm:" + field,
                new FacesMessage(FacesMessage.SEVERITY_ERROR, Messages.text(key), Messages.text(key))));
    }

    public boolean isEditing() { return editing; }
    public String getUsername() { return username; }
    public void setUsername(String v) { username = v; }
    public List<String> getRoles() { return roles; }
    public void setRoles(List<String> v) { roles = v == null ? new ArrayList<>() : new ArrayList<>(v); }
    public Map<String, java.io.Serializable> getGranted() { return granted; }
    public Map<String, String> getQueues() { return queues; }
    public String getShownFor() { return shownFor; }
}
