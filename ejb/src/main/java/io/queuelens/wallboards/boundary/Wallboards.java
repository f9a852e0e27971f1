package io.queuelens.wallboards.boundary;

import io.queuelens.audit.boundary.AuditTrail;
import io.queuelens.wallboards.control.WallboardRules;
import io.queuelens.wallboards.control.WallboardTable;
import io.queuelens.wallboards.entity.InvalidWallboardException;
import io.queuelens.wallboards.entity.Wallboard;
import io.queuelens.wallboards.entity.WallboardProblem;
import jakarta.annotation.Resource;
import jakarta.ejb.EJBException;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads and stores wallboards. A user changes only boards they own; saving someone else's shared
 * board stores the user's own copy. The caller (the page) has checked that the user may see the
 * tenant; the owner is always the caller's name, never a value from a form.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED) // single statements on a JDBC connection
public class Wallboards {

    @Resource(lookup = "jdbc/queuelens")
    DataSource dataSource;

    @Inject
    AuditTrail audit;

    Clock clock = Clock.systemUTC();

    /** The user's boards first, then those others shared in the tenant. */
    public List<Wallboard> visibleTo(String tenantId, String user) {
        try (Connection c = dataSource.getConnection()) {
            return WallboardTable.visibleTo(c, tenantId, user);
        } catch (SQLException e) {
            throw new EJBException("wallboards of " + tenantId + " could not be read: " + e.getMessage(), e);
        }
    }

    /** A board of the tenant the user may open: their own or a shared one. */
    public Optional<Wallboard> find(String tenantId, long id, String user) {
        try (Connection c = dataSource.getConnection()) {
            return WallboardTable.find(c, tenantId, id).filter(b -> b.shared() || b.owner().equals(user));
        } catch (SQLException e) {
            throw new EJBException("wallboard " + id + " could not be read: " + e.getMessage(), e);
        }
    }

    /**
     * Stores {@code proposed} for {@code user}: replaces the user's board with its id, or stores a new
     * board (also when the id is someone else's shared board).
     *
     * @throws InvalidWallboardException with every problem, each naming its field
     */
    public Wallboard save(Wallboard proposed, String user) {
        List<WallboardProblem> problems = new ArrayList<>(WallboardRules.problems(proposed));
        if (!problems.isEmpty()) {
            throw new InvalidWallboardException(problems);
        }
        Wallboard mine = new Wallboard(proposed.id(), proposed.tenantId(), user, proposed.name().strip(), proposed.shared(),
                proposed.intervalSeconds(), proposed.cards(), null);
        try (Connection c = dataSource.getConnection()) {
            Optional<Wallboard> sameName = WallboardTable.findByName(c, mine.tenantId(), user, mine.name());
            Optional<Wallboard> before = mine.id() == null ? Optional.empty() : WallboardTable.find(c, mine.tenantId(), mine.id())
                    .filter(b -> b.owner().equals(user));
            boolean own = before.isPresent();
            if (sameName.isPresent() && !(own && sameName.get().id().equals(mine.id()))) {
                throw new InvalidWallboardException(List.of(WallboardProblem.of("name", "nameTaken",
                        "you already have a board named " + mine.name(), mine.name())));
            }
            Wallboard stored = own && WallboardTable.update(c, mine, clock.instant())
                    ? mine.withId(mine.id(), clock.instant())
                    : WallboardTable.insert(c, mine.withId(null, null), clock.instant());
            audit.recordAs(user, stored.tenantId(), "wallboard.saved", stored.name(), "id " + stored.id());
            if (stored.shared() && !(own && before.get().shared())) {
                audit.recordAs(user, stored.tenantId(), "wallboard.shared", stored.name(), "id " + stored.id());
            }
            return stored;
        } catch (SQLException e) {
            throw new EJBException("wallboard could not be stored: " + e.getMessage(), e);
        }
    }

    /** Deletes one of the user's boards; false when the user has no such board. */
    public boolean delete(String tenantId, long id, String user) {
        try (Connection c = dataSource.getConnection()) {
            boolean deleted = WallboardTable.delete(c, tenantId, id, user);
            if (deleted) {
                audit.recordAs(user, tenantId, "wallboard.deleted", String.valueOf(id), null);
            }
            return deleted;
        } catch (SQLException e) {
            throw new EJBException("wallboard " + id + " could not be deleted: " + e.getMessage(), e);
        }
    }
}
