package io.queuelens.web.live;

import io.queuelens.tenancy.boundary.Tenants;
import io.queuelens.tenancy.entity.Tenant;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.servlet.http.HttpServletRequest;

import java.io.IOException;
import java.io.Serializable;
import java.util.List;
import java.util.Optional;

/**
 * What every live page does first: pick the tenant ({@code ?tenant=}, else the first), refuse a user
 * who may not watch it (403), and allow this session's socket to subscribe to it.
 */
public class LivePage implements Serializable {

    private static final long serialVersionUID = 1L;

    private String tenant;
    private List<String> tenantIds = List.of();

    Optional<Tenant> open(Tenants tenants) throws IOException {
        ExternalContext ec = FacesContext.getCurrentInstance().getExternalContext();
        HttpServletRequest request = (HttpServletRequest) ec.getRequest();
        List<Tenant> all = tenants.findAll();
        tenantIds = all.stream().map(Tenant::getId).filter(id -> LiveAccess.mayView(request, id)).toList();
        Optional<Tenant> chosen = all.stream().filter(t -> tenant == null ? tenantIds.contains(t.getId()) : t.getId().equals(tenant))
                .findFirst();
        if (tenant != null && !LiveAccess.mayView(request, tenant)) {
            // another tenant's id, known or not, is 403 (ids cannot be probed)
            ec.responseSendError(403, null);
            FacesContext.getCurrentInstance().responseComplete();
            return Optional.empty();
        }
        if (chosen.isEmpty()) {
            ec.responseSendError(tenant != null ? 404 : 403, null); // 404 only reaches an ADMIN
            FacesContext.getCurrentInstance().responseComplete();
            return Optional.empty();
        }
        tenant = chosen.get().getId();
        LiveAccess.grant(request, tenant);
        return chosen;
    }

    String user() {
        return FacesContext.getCurrentInstance().getExternalContext().getRemoteUser();
    }

    /** The socket's user: the caller's audience of the tenant (set here, on the server, never by the browser). */
    public LiveAudience getAudience() {
        return tenant == null ? null : LiveAccess.audience(tenant);
    }

    public String getTenant() { return tenant; }
    public void setTenant(String v) { tenant = v; }
    public List<String> getTenantIds() { return tenantIds; }
}
