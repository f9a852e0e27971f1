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

    public CallPage page(@NotNull(message = "a call list request is required") CallListRequest request) {
        try (Connection c = dataSource.getConnection()) {
            return new VisitPageReader().page(c, request);
        } catch (SQLException e) {
            throw new EJBException("call list for tenant " + request.tenant() + " could not be read: " + e.getMessage(), e);
        }
    }
}
