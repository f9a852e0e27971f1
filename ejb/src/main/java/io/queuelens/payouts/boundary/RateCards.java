package io.queuelens.payouts.boundary;

import io.queuelens.audit.boundary.AuditTrail;
import io.queuelens.jobs.control.JobTable;
import io.queuelens.payouts.control.RateCardTable;
import io.queuelens.payouts.entity.AgentGroup;
import io.queuelens.payouts.entity.InvalidPayoutInput;
import io.queuelens.payouts.entity.InvalidPayoutInput.Problem;
import io.queuelens.payouts.entity.RateCard;
import jakarta.annotation.Resource;
import jakarta.ejb.EJBException;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Rate cards and agent groups of a tenant. Saving checks every field and says which one is wrong,
 * and refuses two cards of the same agent or group whose dates overlap (which one would pay?).
 */
@Stateless
public class RateCards {

    @Resource(lookup = "jdbc/queuelens")
    DataSource dataSource;

    @Inject
    AuditTrail audit;

    public List<RateCard> cards(String tenant) {
        try (Connection c = dataSource.getConnection()) {
            return RateCardTable.cards(c, tenant);
        } catch (SQLException e) {
            throw new EJBException(e);
        }
    }

    public Optional<RateCard> card(String tenant, long id) {
        try (Connection c = dataSource.getConnection()) {
            return RateCardTable.card(c, tenant, id);
        } catch (SQLException e) {
            throw new EJBException(e);
        }
    }

    /** Saves a new card ({@code card.id()} ignored) or changes the one with its id; empty when that id is not the tenant's. */
    public Optional<RateCard> save(String tenant, RateCard card, boolean create, String by) {
        try (Connection c = dataSource.getConnection()) {
            check(c, tenant, card, create);
            long id = card.id();
            if (create) {
                id = RateCardTable.insert(c, withTenant(card, tenant, 0), by);
            } else if (!RateCardTable.update(c, withTenant(card, tenant, card.id()), by)) {
                return Optional.empty();
            }
            audit.recordAs(by, tenant, create ? "ratecard.created" : "ratecard.changed", card.name(), "id " + id);
            return RateCardTable.card(c, tenant, id);
        } catch (SQLException e) {
            throw new EJBException(e);
        }
    }

    public boolean delete(String tenant, long id, String by) {
        try (Connection c = dataSource.getConnection()) {
            boolean deleted = RateCardTable.delete(c, tenant, id);
            if (deleted) {
                audit.recordAs(by, tenant, "ratecard.deleted", Long.toString(id), null);
            }
            return deleted;
        } catch (SQLException e) {
            throw new EJBException(e);
        }
    }

    private static RateCard withTenant(RateCard r, String tenant, long id) {
        return new RateCard(id, tenant, r.name().strip(), r.agent() == null || r.agent().isBlank() ? null : r.agent().strip(),
                r.groupId(), r.validFrom(), r.validTo(), r.perAnswered(), r.perTalkMinute(), r.talkRounding(),
                r.perReadyHour(), r.pauseRates(), r.slTargetPercent(), r.slBonus(), r.answeredTarget(), r.answeredBonus(),
                r.perRingNoAnswer());
    }

    void check(Connection c, String tenant, RateCard r, boolean create) throws SQLException {
        List<Problem> p = new ArrayList<>();
        if (r.name() == null || r.name().isBlank() || r.name().strip().length() > 100) {
            p.add(new Problem("name", "a name of 1 to 100 characters is required"));
        }
        boolean hasAgent = r.agent() != null && !r.agent().isBlank();
        if (hasAgent == (r.groupId() != null)) {
            p.add(new Problem("agent", "assign the card to exactly one agent or one agent group"));
        }
        if (hasAgent && r.agent().strip().length() > 128) {
            p.add(new Problem("agent", "an agent name has at most 128 characters"));
        }
        if (r.groupId() != null && RateCardTable.groups(c, tenant).stream().noneMatch(g -> g.id() == r.groupId())) {
            p.add(new Problem("groupId", "agent group " + r.groupId() + " is not one of this tenant's"));
        }
        if (r.validTo() != null && r.validTo().isBefore(r.validFrom())) {
            p.add(new Problem("validTo", "valid to (" + r.validTo() + ") is before valid from (" + r.validFrom() + ")"));
        }
        amount(p, "perAnswered", r.perAnswered(), 4);
        amount(p, "perTalkMinute", r.perTalkMinute(), 4);
        amount(p, "perReadyHour", r.perReadyHour(), 4);
        amount(p, "slBonus", r.slBonus(), 2);
        amount(p, "answeredBonus", r.answeredBonus(), 2);
        amount(p, "perRingNoAnswer", r.perRingNoAnswer(), 4);
        r.pauseRates().forEach((reason, rate) -> {
            if (reason.length() > 64 || reason.contains("=") || reason.contains(";")) {
                p.add(new Problem("pauseRates", "pause reason '" + reason + "' is too long or holds '=' or ';'"));
            }
            amount(p, "pauseRates", rate, 4);
        });
        if (r.slTargetPercent() != null && (r.slTargetPercent().signum() < 0 || r.slTargetPercent().compareTo(BigDecimal.valueOf(100)) > 0)) {
            p.add(new Problem("slTargetPercent", "the service level target is a percentage from 0 to 100"));
        }
        if (r.answeredTarget() != null && r.answeredTarget() < 1) {
            p.add(new Problem("answeredTarget", "the answered target is at least 1 call (leave it empty for no bonus)"));
        }
        if (p.isEmpty()) {
            for (RateCard other : RateCardTable.cards(c, tenant)) {
                boolean same = hasAgent ? r.agent().strip().equals(other.agent()) : Objects.equals(r.groupId(), other.groupId());
                boolean overlaps = !(other.validTo() != null && other.validTo().isBefore(r.validFrom()))
                        && !(r.validTo() != null && r.validTo().isBefore(other.validFrom()));
                if (same && overlaps && (create || other.id() != r.id())) {
                    p.add(new Problem("validFrom", "card '" + other.name() + "' (" + other.validFrom() + " .. "
                            + (other.validTo() == null ? "open" : other.validTo()) + ") already covers these days for the same "
                            + (hasAgent ? "agent" : "group")));
                    break;
                }
            }
        }
        if (!p.isEmpty()) {
            throw new InvalidPayoutInput(p);
        }
    }

    private static void amount(List<Problem> p, String field, BigDecimal v, int scale) {
        if (v == null) {
            p.add(new Problem(field, "an amount is required (0 for none)"));
        } else if (v.signum() < 0) {
            p.add(new Problem(field, "amounts are not negative (a deduction is entered as a positive amount)"));
        } else if (v.stripTrailingZeros().scale() > scale) {
            p.add(new Problem(field, "at most " + scale + " decimals"));
        } else if (v.compareTo(new BigDecimal("100000000")) >= 0) {
            p.add(new Problem(field, "amount too large"));
        }
    }

    // ---- agent groups

    public List<AgentGroup> groups(String tenant) {
        try (Connection c = dataSource.getConnection()) {
            return RateCardTable.groups(c, tenant);
        } catch (SQLException e) {
            throw new EJBException(e);
        }
    }

    /** Creates ({@code id} null) or changes a group; empty when the id is not the tenant's. */
    public Optional<AgentGroup> saveGroup(String tenant, Long id, String name, List<String> agents, String by) {
        List<Problem> p = new ArrayList<>();
        if (name == null || name.isBlank() || name.strip().length() > 100) {
            p.add(new Problem("name", "a name of 1 to 100 characters is required"));
        }
        List<String> members = agents == null ? List.of() : agents.stream().filter(a -> a != null && !a.isBlank())
                .map(String::strip).distinct().toList();
        if (members.stream().anyMatch(a -> a.length() > 128)) {
            p.add(new Problem("agents", "an agent name has at most 128 characters"));
        }
        if (!p.isEmpty()) {
            throw new InvalidPayoutInput(p);
        }
        try (Connection c = dataSource.getConnection()) {
            long groupId;
            if (id == null) {
                try {
                    groupId = RateCardTable.insertGroup(c, tenant, name.strip());
                } catch (SQLException e) {
                    if (JobTable.isDuplicate(e)) {
                        throw InvalidPayoutInput.of("name", "a group named '" + name.strip() + "' exists already");
                    }
                    throw e;
                }
            } else {
                if (!RateCardTable.renameGroup(c, tenant, id, name.strip())) {
                    return Optional.empty();
                }
                groupId = id;
            }
            RateCardTable.setMembers(c, groupId, members);
            audit.recordAs(by, tenant, id == null ? "agentgroup.created" : "agentgroup.changed", name.strip(),
                    members.size() + " agents");
            return RateCardTable.groups(c, tenant).stream().filter(g -> g.id() == groupId).findFirst();
        } catch (SQLException e) {
            throw new EJBException(e);
        }
    }

    /** @throws InvalidPayoutInput while a rate card is assigned to the group */
    public boolean deleteGroup(String tenant, long id, String by) {
        try (Connection c = dataSource.getConnection()) {
            if (RateCardTable.groupHasCards(c, id)) {
                throw InvalidPayoutInput.of("id", "rate cards are assigned to this group; delete or reassign them first");
            }
            boolean deleted = RateCardTable.deleteGroup(c, tenant, id);
            if (deleted) {
                audit.recordAs(by, tenant, "agentgroup.deleted", Long.toString(id), null);
            }
            return deleted;
        } catch (SQLException e) {
            throw new EJBException(e);
        }
    }
}
