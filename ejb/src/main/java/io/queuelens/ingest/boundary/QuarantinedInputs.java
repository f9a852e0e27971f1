package io.queuelens.ingest.boundary;

import io.queuelens.ingest.control.QuarantineReader;
import io.queuelens.ingest.entity.QuarantinePage;
import jakarta.annotation.Resource;
import jakarta.ejb.EJBException;
import jakarta.ejb.Stateless;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.TreeMap;

/** What ingestion could not understand, for the administrator to look at: read only. */
@Stateless
public class QuarantinedInputs {

    public static final int MAX_PAGE_SIZE = 500;

    @Resource(lookup = "jdbc/queuelens")
    DataSource dataSource;

    /**
     * @param sourceId null = every source of the tenant
     * @param page     0-based
     * @param size     1..{@link #MAX_PAGE_SIZE}
     */
    public QuarantinePage page(String tenantId, String sourceId, int page, int size) {
        if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("page >= 0 and size 1.." + MAX_PAGE_SIZE + ", was " + page + ", " + size);
        }
        try (Connection c = dataSource.getConnection()) {
            return new QuarantinePage(QuarantineReader.count(c, tenantId, sourceId), page, size,
                    QuarantineReader.page(c, tenantId, sourceId, (long) page * size, size));
        } catch (SQLException e) {
            throw new EJBException("quarantined input of tenant " + tenantId + " could not be read: " + e.getMessage(), e);
        }
    }

    /** Lines held in quarantine per tenant (tenants with none are left out), for the operations page. */
    public Map<String, Long> countsByTenant() {
        Map<String, Long> counts = new TreeMap<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT tenant_id, COUNT(*) FROM quarantined_input GROUP BY tenant_id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                counts.put(rs.getString(1), rs.getLong(2));
            }
        } catch (SQLException e) {
            throw new EJBException("quarantined input could not be counted: " + e.getMessage(), e);
        }
        return counts;
    }
}
