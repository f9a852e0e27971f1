package io.queuelens.web.security;

import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.authentication.mechanism.http.CustomFormAuthenticationMechanismDefinition;
import jakarta.security.enterprise.authentication.mechanism.http.LoginToContinue;

/**
 * Form login on our own JSF page: unauthenticated requests are redirected (not forwarded, so the
 * URL shows the login page) to {@code /login.xhtml}; the login bean authenticates through
 * {@link UserIdentityStore}. Roles are the {@code identity} component's.
 */
@CustomFormAuthenticationMechanismDefinition(
        loginToContinue = @LoginToContinue(loginPage = "/login.xhtml", errorPage = "", useForwardToLogin = false))
@DeclareRoles({"ADMIN", "MANAGER", "REPORTS", "DASHBOARD"})
@ApplicationScoped
public class SecuritySetup {
}
