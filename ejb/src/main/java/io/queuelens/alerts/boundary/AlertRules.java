package io.queuelens.alerts.boundary;

import io.queuelens.alerts.control.AlertRuleChecks;
import io.queuelens.alerts.control.AlertStore;
import io.queuelens.alerts.entity.AlertChannel;
import io.queuelens.alerts.entity.AlertProblem;
import io.queuelens.alerts.entity.AlertRule;
import io.queuelens.alerts.entity.ChannelDraft;
import io.queuelens.alerts.entity.InvalidAlertException;
import io.queuelens.alerts.entity.RuleDraft;
import io.queuelens.audit.boundary.AuditTrail;
import io.queuelens.vault.boundary.Vault;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A tenant's rules and channels: what the alerts page and {@code /api/v1/alerts/rules|channels} change (the
 * callers check that the user is the tenant's MANAGER or an ADMIN). Every change is audited and handed to the
 * engine; channel secrets are stored through the vault and never returned.
 */
@ApplicationScoped
public class AlertRules {

    @Resource(lookup = "jdbc/queuelens")
    DataSource dataSource;

    @Inject
    Vault vault;

    @Inject
    AuditTrail audit;

    @Inject
    AlertEngine engine;

    private AlertStore store() {
        return new AlertStore(dataSource);
    }

    public List<AlertRule> rules(String tenantId) throws SQLException {
        return store().rules(tenantId);
    }

    public Optional<AlertRule> rule(String tenantId, long id) throws SQLException {
        return store().rule(tenantId, id);
    }

    /** Creates ({@code id} 0) or replaces a rule. @throws InvalidAlertException with every problem */
    public AlertRule saveRule(String tenantId, long id, RuleDraft draft, String actor) throws SQLException {
        AlertRule rule = AlertRuleChecks.rule(tenantId, id, draft);
        Set<Long> known = store().channels(tenantId).stream().map(AlertChannel::id).collect(Collectors.toSet());
        if (!known.containsAll(rule.channelIds())) {
            throw InvalidAlertException.of("channelIds", "channel", "a channel of this tenant is needed");
        }
        Instant now = Instant.now();
        try {
            if (id == 0) {
                rule = rule.withId(store().insertRule(rule, actor, now));
            } else if (!store().updateRule(rule, actor, now)) {
                throw new InvalidAlertException(List.of(new AlertProblem("id", "notFound", "no such rule")));
            }
        } catch (SQLIntegrityConstraintViolationException duplicate) {
            throw InvalidAlertException.of("name", "duplicate", "another rule has this name");
        } catch (SQLException e) {
            if (isDuplicate(e)) {
                throw InvalidAlertException.of("name", "duplicate", "another rule has this name");
            }
            throw e;
        }
        audit.recordAs(actor, tenantId, id == 0 ? "alert.rule.created" : "alert.rule.changed", rule.name(), rule.condition());
        engine.ruleChanged(tenantId, rule.id());
        return rule;
    }

    public boolean deleteRule(String tenantId, long id, String actor) throws SQLException {
        Optional<AlertRule> r = store().rule(tenantId, id);
        if (r.isEmpty() || !store().deleteRule(tenantId, id)) {
            return false;
        }
        audit.recordAs(actor, tenantId, "alert.rule.deleted", r.get().name(), null);
        engine.ruleChanged(tenantId, id);
        return true;
    }

    public List<AlertChannel> channels(String tenantId) throws SQLException {
        return store().channels(tenantId);
    }

    public Optional<AlertChannel> channel(String tenantId, long id) throws SQLException {
        return store().channel(tenantId, id);
    }

    /** Creates ({@code id} 0) or replaces a channel; an empty secret keeps the stored one. */
    public AlertChannel saveChannel(String tenantId, long id, ChannelDraft draft, String actor) throws SQLException {
        Optional<AlertChannel> before = id == 0 ? Optional.empty() : store().channel(tenantId, id);
        if (id != 0 && before.isEmpty()) {
            throw InvalidAlertException.of("id", "notFound", "no such channel");
        }
        AlertChannel c = AlertRuleChecks.channel(tenantId, id, draft, id == 0, before.map(AlertChannel::secretSet).orElse(false));
        String secret = draft.secret() == null || draft.secret().isBlank() ? null : vault.encrypt(draft.secret());
        Instant now = Instant.now();
        long stored = id;
        try {
            if (id == 0) {
                stored = store().insertChannel(c, secret, actor, now);
            } else {
                store().updateChannel(c, secret, draft.clearSecret(), actor, now);
            }
        } catch (SQLException e) {
            if (isDuplicate(e)) {
                throw InvalidAlertException.of("name", "duplicate", "another channel has this name");
            }
            throw e;
        }
        audit.recordAs(actor, tenantId, id == 0 ? "alert.channel.created" : "alert.channel.changed", c.name(),
                c.kind() + (secret != null ? ", secret changed" : ""));
        return store().channel(tenantId, stored).orElseThrow();
    }

    /** Deletes a channel no rule uses. @throws InvalidAlertException when a rule still sends to it */
    public boolean deleteChannel(String tenantId, long id, String actor) throws SQLException {
        Optional<AlertChannel> c = store().channel(tenantId, id);
        if (c.isEmpty()) {
            return false;
        }
        List<String> users = store().rules(tenantId).stream().filter(r -> r.channelIds().contains(id)).map(AlertRule::name).toList();
        if (!users.isEmpty()) {
            throw InvalidAlertException.of("id", "channelInUse", "rules still use this channel: " + String.join(", ", users));
        }
        store().deleteChannel(tenantId, id);
        audit.recordAs(actor, tenantId, "alert.channel.deleted", c.get().name(), null);
        return true;
    }

    private static boolean isDuplicate(SQLException e) {
        return e instanceof SQLIntegrityConstraintViolationException || "23000".equals(e.getSQLState())
                || "23505".equals(e.getSQLState());
    }
}
