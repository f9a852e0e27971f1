package io.queuelens.web.admin;

import io.queuelens.sources.asterisk.entity.InvalidSourceConfig;
import io.queuelens.sources.asterisk.entity.SourceProblem;
import io.queuelens.tenancy.entity.Tenant;
import io.queuelens.web.i18n.Messages;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;

import java.util.Collection;
import java.util.List;

/**
 * What the source pages (Asterisk PBXs, Genesys orgs) share: a rule problem shown on its field (in the
 * page's language, from the {@code asrc.p.*} keys, the rule's own English text when a key is missing),
 * a problem of no field at the top, and the tenant chosen with {@code ?tenant=}.
 */
final class SourceFormMessages {

    private SourceFormMessages() {
    }

    /** Every problem on its field of form {@code formId} (when it is one of {@code fields}), and the request failed. */
    static void problems(String formId, Collection<String> fields, InvalidSourceConfig e) {
        for (SourceProblem p : e.problems()) {
            error(p.field() != null && fields.contains(p.field()) ? formId + ":" + p.field() : null,
                    p.key() == null ? p.message() : Messages.textOr("asrc.p." + p.key(), p.message(), p.args().toArray()));
        }
        FacesContext.getCurrentInstance().validationFailed();
    }

    /** An error on a field (summary "invalid", the text as detail), or at the top of the page ({@code clientId} null). */
    static void error(String clientId, String text) {
        FacesContext.getCurrentInstance().addMessage(clientId,
                new FacesMessage(FacesMessage.SEVERITY_ERROR, clientId == null ? text : Messages.text("asrc.invalid"), text));
    }

    /** The tenant named by the page's parameter, the first one when none is named; null for an unknown one or none at all. */
    static Tenant chosen(List<Tenant> all, String tenant) {
        if (tenant == null || tenant.isBlank()) {
            return all.isEmpty() ? null : all.get(0);
        }
        return all.stream().filter(t -> t.getId().equals(tenant.strip())).findFirst().orElse(null);
    }
}
