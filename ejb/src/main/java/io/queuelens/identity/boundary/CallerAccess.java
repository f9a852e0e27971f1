package io.queuelens.identity.boundary;

import io.queuelens.identity.control.GrantStore;
import io.queuelens.identity.entity.Access;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The one access decision: what a caller may see, read fresh from the database, so that disabling a
 * user or changing their grants takes effect on their next request. The web layer asks once per
 * request and keeps the answer for that request (web.security.Caller), so lists never ask per row.
 */
@Stateless
public class CallerAccess {

    /** The caller name of the server-admin bearer token (QueueLensAuthentication). */
    public static final String SERVER_TOKEN_CALLER = "api-token";

    @Resource(lookup = "jdbc/queuelens")
    DataSource dataSource;

    /**
     * @param caller      the authenticated caller name, or null
     * @param serverToken true when the caller authenticated with the server-admin bearer token: an
     *                    ADMIN without a stored user
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Access of(String caller, boolean serverToken) {
        if (caller == null) {
            return Access.NONE;
        }
        if (serverToken && SERVER_TOKEN_CALLER.equals(caller)) {
            return Access.admin(caller);
        }
        try (Connection c = dataSource.getConnection()) {
            return GrantStore.accessOf(c, caller).orElse(Access.NONE);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the access of " + caller, e);
        }
    }
}
