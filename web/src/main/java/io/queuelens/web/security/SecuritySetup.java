package io.queuelens.web.security;

import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;

/** The four roles of the {@code identity} component; the mechanism is {@link QueueLensAuthentication}. */
@DeclareRoles({"ADMIN", "MANAGER", "REPORTS", "DASHBOARD"})
@ApplicationScoped
public class SecuritySetup {
}
