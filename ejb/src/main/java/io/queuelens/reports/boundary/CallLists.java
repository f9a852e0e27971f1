package io.queuelens.reports.boundary;

import io.queuelens.reports.control.VisitPageReader;
import io.queuelens.reports.entity.CallListRequest;
import io.queuelens.reports.entity.CallPage;
import jakarta.annotation.Resource;
import jakarta.ejb.EJBException;
import jakarta.ejb.Stateless;
import jakarta.validation.constraints.NotNull;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/** Pages of queue visits, the facts behind the reports (drill-down, exports, audits). */
@Stateless
public class CallLists {

    @Resource(lookup = "jdbc/queuelens")
    DataSource dataSource;

    /**
     * Every visit the request selects (page and size ignored), streamed to {@code handler} one at a
     * time from a forward-only read: for exports. Outside a transaction, so a long export is not cut
     * by the transaction timeout (it only reads).
     */
    @jakarta.ejb.TransactionAttribute(jakarta.ejb.TransactionAttributeType.NOT_SUPPORTED)
    public void each(@NotNull(message = "a call list request is required") CallListRequest request,
                     VisitPageReader.VisitHandler handler) throws java.io.IOException {
        try (Connection c = dataSource.getConnection()) {
            new VisitPageReader().each(c, request, handler);
        } catch (SQLException e) {
            throw new EJBException("call list for tenant " + request.tenant() + " could not be read: " + e.getMessage(), e);
        }
    }

    public CallPage page(@NotNull(message = "a call list request is required") CallListRequest request) {
        try (Connection c = dataSource.getConnection()) {
            return new VisitPageReader().page(c, request);
        } catch (SQLException e) {
            throw new EJBException("call list for tenant " + request.tenant() + " could not be read: " + e.getMessage(), e);
        }
    }
}
