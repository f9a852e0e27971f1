package io.queuelens.cdrs.boundary;

import io.queuelens.cdrs.control.CdrSearchSql;
import io.queuelens.cdrs.entity.CdrListing;
import io.queuelens.cdrs.entity.CdrPage;
import io.queuelens.cdrs.entity.CdrQuery;
import io.queuelens.recordings.control.RecordingsRoot;
import io.queuelens.recordings.entity.RecordingFile;
import io.queuelens.recordings.entity.UnsafeRecordingPath;
import jakarta.annotation.Resource;
import jakarta.ejb.EJBException;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

/** Searches a tenant's CDRs and finds their recordings. Every query is bound to the tenant asked for. */
@Stateless
public class CdrSearch {

    @Resource(lookup = "jdbc/queuelens")
    DataSource dataSource;

    @Inject
    RecordingsRoot recordings;

    public CdrPage search(@NotNull(message = "a CDR query is required") CdrQuery query) {
        try (Connection c = dataSource.getConnection()) {
            return new CdrPage(CdrSearchSql.count(c, query), CdrSearchSql.rows(c, query, this::recordingExists));
        } catch (SQLException e) {
            throw new EJBException("CDR search of tenant " + query.tenant() + " failed: " + e.getMessage(), e);
        }
    }

    /** Every matching CDR (offset and limit ignored), streamed one at a time: for exports (see CallLists.each). */
    @jakarta.ejb.TransactionAttribute(jakarta.ejb.TransactionAttributeType.NOT_SUPPORTED)
    public void each(@NotNull(message = "a CDR query is required") CdrQuery query, CdrSearchSql.CdrHandler handler)
            throws java.io.IOException {
        try (Connection c = dataSource.getConnection()) {
            CdrSearchSql.each(c, query, handler);
        } catch (SQLException e) {
            throw new EJBException("CDR search of tenant " + query.tenant() + " failed: " + e.getMessage(), e);
        }
    }

    /** How many CDRs match (paging and sort ignored): the lazy table asks before it loads a page. */
    public long count(@NotNull(message = "a CDR query is required") CdrQuery query) {
        try (Connection c = dataSource.getConnection()) {
            return CdrSearchSql.count(c, query);
        } catch (SQLException e) {
            throw new EJBException("CDR count of tenant " + query.tenant() + " failed: " + e.getMessage(), e);
        }
    }

    /** One page of matching CDRs. */
    public List<CdrListing> rows(@NotNull(message = "a CDR query is required") CdrQuery query) {
        try (Connection c = dataSource.getConnection()) {
            return CdrSearchSql.rows(c, query, this::recordingExists);
        } catch (SQLException e) {
            throw new EJBException("CDR search of tenant " + query.tenant() + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * A row gets a play button only for a file that is there: a PBX names files it never wrote (a call it did not
     * record after all) or removed since, and a button that answers "not found" is worse than none. A name that
     * would lead outside the root is not there either (the recording endpoint refuses it).
     */
    private boolean recordingExists(String recordingFile, LocalDateTime calldateLocal) {
        try {
            return recordings.paths().find(recordingFile, calldateLocal).isPresent();
        } catch (UnsafeRecordingPath | java.io.UncheckedIOException e) {
            return false;
        }
    }

    public List<String> queues(String tenant) {
        try (Connection c = dataSource.getConnection()) {
            return CdrSearchSql.queues(c, tenant);
        } catch (SQLException e) {
            throw new EJBException("queues of tenant " + tenant + " could not be read: " + e.getMessage(), e);
        }
    }

    /**
     * The recording of the tenant's CDR {@code id}: empty when there is no such CDR (of this tenant),
     * it names no file, or the file is not under the recordings root.
     *
     * @throws io.queuelens.recordings.entity.UnsafeRecordingPath when its file name would lead outside the root
     */
    public Optional<RecordingFile> recording(String tenant, long id) {
        return recording(tenant, id, java.util.Set.of());
    }

    /**
     * As {@link #recording(String, long)} for a caller limited to {@code queueLimit} (empty = every
     * queue): a CDR of another queue, or of none, is as absent.
     */
    public Optional<RecordingFile> recording(String tenant, long id, java.util.Set<String> queueLimit) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT recording_file, calldate_local, queue FROM cdr_record WHERE tenant_id = ? AND id = ?")) {
            ps.setString(1, tenant);
            ps.setLong(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || rs.getString(1) == null || rs.getString(1).isEmpty()
                        || (!queueLimit.isEmpty() && !queueLimit.contains(rs.getString(3)))) {
                    return Optional.empty();
                }
                return recordings.paths().find(rs.getString(1), rs.getObject(2, LocalDateTime.class));
            }
        } catch (SQLException e) {
            throw new EJBException("recording of CDR " + id + " could not be looked up: " + e.getMessage(), e);
        }
    }
}
