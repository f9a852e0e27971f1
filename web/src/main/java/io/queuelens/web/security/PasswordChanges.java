package io.queuelens.web.security;

import jakarta.faces.context.ExternalContext;
import jakarta.servlet.http.HttpSession;

/** Lets pages outside this package tell the password-change gate that the change is done. */
public final class PasswordChanges {

    private PasswordChanges() {
    }

    public static void completed(ExternalContext ec) {
        HttpSession session = (HttpSession) ec.getSession(false);
        if (session != null) {
            PasswordChangeFilter.passwordChanged(session);
            // The change ended the user's other sessions (Sessions observes it); this one goes on.
            String user = ec.getUserPrincipal() == null ? null : ec.getUserPrincipal().getName();
            if (user != null) {
                SessionCutoffFilter.stamp(session, user);
            }
        }
    }
}
