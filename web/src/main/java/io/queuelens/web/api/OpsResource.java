package io.queuelens.web.api;

import io.queuelens.ops.boundary.Operations;
import io.queuelens.ops.boundary.SelfCheck;
import io.queuelens.ops.entity.CheckResult;
import io.queuelens.ops.entity.OpsStatus;
import io.queuelens.web.i18n.Messages;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;

/**
 * {@code GET /api/v1/ops/status}: the operations page's figures as JSON; {@code POST /api/v1/ops/self-check}:
 * runs the self-check and answers {@code {"passed":bool,"checks":[{check,subject,status,detail,hintKey,hint}]}}
 * (hints in English; the page shows them in the user's language). Server administrators only.
 */
@Path("ops")
@RequestScoped
@RolesAllowed("ADMIN")
@Produces(MediaType.APPLICATION_JSON)
public class OpsResource {

    @Inject
    Operations operations;

    @Inject
    SelfCheck selfCheck;

    @GET
    @Path("status")
    public OpsStatus status() {
        return operations.status();
    }

    @POST
    @Path("self-check")
    public Map<String, Object> selfCheck() {
        List<CheckResult> results = selfCheck.run();
        ResourceBundle english = ResourceBundle.getBundle(Messages.BUNDLE, Locale.ROOT);
        List<Map<String, Object>> checks = results.stream().map(r -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("check", r.check());
            m.put("subject", r.subject());
            m.put("status", r.status().name());
            m.put("detail", r.detail());
            m.put("hintKey", r.hintKey());
            m.put("hint", r.hintKey() == null || !english.containsKey(r.hintKey()) ? null : english.getString(r.hintKey()));
            return m;
        }).toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("passed", results.stream().allMatch(CheckResult::passed));
        body.put("checks", checks);
        return body;
    }
}
