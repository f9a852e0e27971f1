package io.queuelens.web.account;

import io.queuelens.identity.boundary.PasswordChangeRejected;
import io.queuelens.identity.boundary.Users;
import io.queuelens.web.security.PasswordChanges;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;
import jakarta.validation.constraints.NotBlank;

import java.io.IOException;

import static io.queuelens.web.i18n.Messages.text;

/** Backs account/password.xhtml: replace one's own password (forced after the first login). */
@Named
@RequestScoped
public class PasswordBacking {

    @Inject
    Users users;

    @Inject
    SecurityContext securityContext;

    @Inject
    FacesContext faces;

    @NotBlank
    private String current;
    @NotBlank
    private String replacement;
    @NotBlank
    private String confirmation;

    public void change() throws IOException {
        if (!replacement.equals(confirmation)) {
            fieldError("form:confirmation", "password.mismatch");
            return;
        }
        try {
            users.changePassword(securityContext.getCallerPrincipal().getName(), current, replacement);
        } catch (PasswordChangeRejected e) {
            fieldError(e.messageKey().equals("password.currentWrong") ? "form:current" : "form:replacement", e.messageKey());
            return;
        }
        ExternalContext ec = faces.getExternalContext();
        PasswordChanges.completed(ec);
        ec.getFlash().setKeepMessages(true);
        faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, text("password.changed"), null));
        ec.redirect(ec.getRequestContextPath() + "/");
    }

    private void fieldError(String clientId, String key) {
        faces.addMessage(clientId, new FacesMessage(FacesMessage.SEVERITY_ERROR, text(key), null));
        faces.validationFailed();
    }

    public String getCurrent() {
        return current;
    }

    public void setCurrent(String current) {
        this.current = current;
    }

    public String getReplacement() {
        return replacement;
    }

    public void setReplacement(String replacement) {
        this.replacement = replacement;
    }

    public String getConfirmation() {
        return confirmation;
    }

    public void setConfirmation(String confirmation) {
        this.confirmation = confirmation;
    }
}
