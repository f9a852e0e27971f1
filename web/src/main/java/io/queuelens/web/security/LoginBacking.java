package io.queuelens.web.security;

import io.queuelens.identity.boundary.Users;
import io.queuelens.login.boundary.RememberMe;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import io.queuelens.web.i18n.LocaleBacking;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.constraints.NotBlank;

import java.io.IOException;

import static io.queuelens.web.i18n.Messages.text;

/** Backs login.xhtml. */
@Named
@RequestScoped
public class LoginBacking {

    @Inject
    SecurityContext securityContext;

    @Inject
    FacesContext faces;

    @Inject
    Users users;

    @Inject
    LocaleBacking localeBacking;

    @Inject
    RememberMe rememberMe;

    /** Opt-in: stay logged in on this browser (a remember-me cookie). */
    private boolean remember;

    @NotBlank
    private String username;

    @NotBlank
    private String password;

    public void login() throws IOException {
        ExternalContext ec = faces.getExternalContext();
        HttpServletRequest request = (HttpServletRequest) ec.getRequest();
        AuthenticationStatus status = securityContext.authenticate(request, (HttpServletResponse) ec.getResponse(),
                AuthenticationParameters.withParams().newAuthentication(true)
                        .credential(new UsernamePasswordCredential(username, password)));
        switch (status) {
            case SUCCESS -> {
                request.changeSessionId(); // session fixation: a fresh id once authenticated
                SessionCutoffFilter.stamp(request.getSession(), securityContext.getCallerPrincipal().getName());
                boolean mustChange = users.findByUsername(username).map(u -> u.isMustChangePassword()).orElse(false);
                users.findByUsername(username).ifPresent(u -> localeBacking.applyStored(u.getLocale()));
                if (mustChange) {
                    ec.getSessionMap().put(PasswordChangeFilter.MUST_CHANGE, Boolean.TRUE);
                } else if (remember) {
                    // Not before the password is one's own: the cookie must not skip the forced change.
                    rememberMe.issue(username).ifPresent(value -> RememberMeCookie.set(request,
                            (HttpServletResponse) ec.getResponse(), value, rememberMe.lifetime()));
                }
                String returnTo = localPath(ec.getSessionMap().remove(QueueLensAuthentication.RETURN_TO));
                ec.redirect(ec.getRequestContextPath() + (mustChange ? PasswordChangeFilter.PAGE : returnTo));
            }
            default -> faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, text("login.failed"), null));
        }
    }

    /** Only a path inside this application: never an absolute or protocol-relative URL (open redirect). */
    static String localPath(Object saved) {
        if (saved instanceof String path && path.startsWith("/") && !path.startsWith("//") && !path.contains("\\")
                && !path.startsWith(QueueLensAuthentication.LOGIN_PAGE)) {
            return path;
        }
        return "/";
    }

    public boolean isRemember() {
        return remember;
    }

    public void setRemember(boolean remember) {
        this.remember = remember;
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }
}
