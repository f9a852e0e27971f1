package io.queuelens.alerts.boundary;

import io.queuelens.alerts.control.IntervalTotals;
import io.queuelens.alerts.control.RulePreview;
import io.queuelens.alerts.entity.AlertRule;
import io.queuelens.alerts.entity.RulePreviewResult;
import io.queuelens.kpi.boundary.KpiSettingsService;
import io.queuelens.kpi.control.KpiSettingsHistory;
import io.queuelens.tenancy.boundary.Tenants;
import io.queuelens.tenancy.entity.Tenant;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/** "When would this rule have fired yesterday?" for the rule editor, from yesterday's rollups (tenant's day). */
@ApplicationScoped
public class AlertPreviews {

    @Resource(lookup = "jdbc/queuelens")
    DataSource dataSource;

    @Inject
    KpiSettingsService kpiSettings;

    @Inject
    Tenants tenants;

    public RulePreviewResult yesterday(AlertRule rule) throws SQLException {
        ZoneId zone = tenants.find(rule.tenantId()).map(Tenant::getTimeZone).orElse(ZoneId.of("UTC"));
        LocalDate day = LocalDate.now(zone).minusDays(1);
        if (!RulePreview.supports(rule)) {
            return RulePreview.replay(rule, day, zone, new java.util.TreeMap<>(), KpiSettingsHistory.defaultsOnly());
        }
        KpiSettingsHistory history = kpiSettings.history(rule.tenantId());
        Instant from = day.atStartOfDay(zone).toInstant().minus(Duration.ofHours(1));
        Instant to = day.plusDays(1).atStartOfDay(zone).toInstant();
        try (Connection c = dataSource.getConnection()) {
            return RulePreview.replay(rule, day, zone, IntervalTotals.perBucket(c, history, rule.tenantId(), from, to), history);
        }
    }
}
