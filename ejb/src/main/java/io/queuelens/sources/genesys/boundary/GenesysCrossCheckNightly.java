package io.queuelens.sources.genesys.boundary;

import io.queuelens.audit.boundary.AuditTrail;
import io.queuelens.jobs.boundary.Jobs;
import io.queuelens.sources.genesys.control.NightlyCrossCheck;
import io.queuelens.sources.genesys.entity.GenesysSourceConfig;
import io.queuelens.tenancy.boundary.Tenants;
import io.queuelens.tenancy.entity.Tenant;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Cross-checks every enabled Genesys org's yesterday without anyone asking: once a tenant's clock has
 * passed {@code queuelens.genesys.crosscheck-time} (default 03:30, tenant time zone) the job
 * {@code genesys-crosscheck} reads the day's conversation details again (idempotent) and compares them
 * with Genesys's aggregates. Launched through the job registry under one key per org and day, so a
 * later tick, a restart or a second server on the same database runs a day once; a server that was
 * down at that time catches up later the same day. Checked every minute: a tick costs a tenant list and
 * one org query per due tenant, and the days already launched here are remembered.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrator")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class GenesysCrossCheckNightly {

    private static final Logger LOG = Logger.getLogger(GenesysCrossCheckNightly.class.getName());
    public static final String JOB = "genesys-crosscheck";
    /** Job parameters: the org's id and the day (ISO). */
    public static final String ORG_ID = "orgId";
    public static final String DAY = "day";

    @Inject
    @ConfigProperty(name = "queuelens.genesys.crosscheck-time", defaultValue = "03:30")
    String crossCheckTime;

    @Inject
    Tenants tenants;

    @Inject
    GenesysOrgs orgs;

    @Inject
    Jobs jobs;

    /** (tenant, key) launched or found launched by this server: no registry query for them again. */
    private final Set<String> launched = ConcurrentHashMap.newKeySet();

    @Schedule(hour = "*", minute = "*", persistent = false)
    void launchDue() {
        LocalTime at;
        try {
            at = NightlyCrossCheck.time(crossCheckTime);
        } catch (IllegalArgumentException e) {
            LOG.log(Level.WARNING, "Genesys nightly cross-check off: {0}", e.getMessage());
            return;
        }
        Instant now = Instant.now();
        if (launched.size() > 10_000) { // a year of many orgs: forget, the registry still knows every launch
            launched.clear();
        }
        for (Tenant t : tenants.findAll()) {
            Optional<LocalDate> due = NightlyCrossCheck.dueDay(now, t.getTimeZone(), at);
            if (due.isPresent()) {
                launchDay(t.getId(), due.get());
            }
        }
    }

    private void launchDay(String tenant, LocalDate day) {
        try {
            for (GenesysSourceConfig c : orgs.ofTenant(tenant)) {
                String key = NightlyCrossCheck.key(c.name(), day);
                if (!c.enabled() || launched.contains(tenant + "/" + key)) {
                    continue;
                }
                if (jobs.find(JOB, tenant, key).isEmpty()) {
                    Properties p = new Properties();
                    p.setProperty(ORG_ID, Long.toString(c.id()));
                    p.setProperty(DAY, day.toString());
                    jobs.launch(JOB, tenant, key, p, AuditTrail.SYSTEM); // a second server's claim of the key wins nothing
                }
                launched.add(tenant + "/" + key);
            }
        } catch (Exception e) {
            LOG.log(Level.WARNING, "Genesys cross-checks of " + tenant + " for " + day + " not launched: " + e.getMessage(), e);
        }
    }
}
