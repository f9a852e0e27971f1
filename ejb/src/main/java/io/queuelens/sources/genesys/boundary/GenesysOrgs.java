package io.queuelens.sources.genesys.boundary;

import io.queuelens.audit.boundary.AuditTrail;
import io.queuelens.sources.boundary.SourceStatus;
import io.queuelens.sources.asterisk.entity.InvalidSourceConfig;
import io.queuelens.sources.asterisk.entity.SourceProblem;
import io.queuelens.sources.genesys.control.GenesysApi;
import io.queuelens.sources.genesys.control.GenesysCrossCheck;
import io.queuelens.sources.genesys.control.GenesysHistoryImport;
import io.queuelens.sources.genesys.control.GenesysSourceRules;
import io.queuelens.sources.genesys.control.GenesysSourceStore;
import io.queuelens.sources.genesys.entity.ConnectionTest;
import io.queuelens.sources.genesys.entity.CrossCheckRow;
import io.queuelens.sources.genesys.entity.GenesysApiException;
import io.queuelens.sources.genesys.entity.GenesysApiStats;
import io.queuelens.sources.genesys.entity.GenesysSourceConfig;
import io.queuelens.sources.genesys.entity.GenesysSourceForm;
import io.queuelens.tenancy.boundary.Tenants;
import io.queuelens.tenancy.entity.Tenant;
import io.queuelens.vault.boundary.Vault;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Genesys Cloud orgs configured per tenant: list, create, edit, remove, "test connection" (which
 * says exactly which step failed and why), a day's history read on request, the cross-check of a day
 * and its mismatches, and the orgs' API-call statistics. Secrets go only through the vault; every
 * change is audited and reaches the running orgs at once ({@link GenesysSources#reconfigure()}).
 */
@ApplicationScoped
public class GenesysOrgs {

    @Resource(lookup = "jdbc/queuelens")
    DataSource dataSource;

    @Inject
    Vault vault;

    @Inject
    GenesysSources sources;

    @Inject
    AuditTrail audit;

    @Inject
    Tenants tenants;

    public List<GenesysSourceConfig> ofTenant(String tenantId) throws SQLException {
        return GenesysSourceStore.readOnly(dataSource).ofTenant(tenantId);
    }

    public Optional<GenesysSourceConfig> find(String tenantId, long id) throws SQLException {
        return GenesysSourceStore.readOnly(dataSource).find(tenantId, id);
    }

    /** @throws InvalidSourceConfig with every problem; nothing is stored then */
    public GenesysSourceConfig create(String tenantId, GenesysSourceForm form) throws SQLException {
        GenesysSourceConfig saved = store().create(tenantId, form);
        audit.record(tenantId, "genesys.added", saved.name(), "id " + saved.id() + ", " + saved.region());
        sources.reconfigure();
        return saved;
    }

    /** @throws InvalidSourceConfig with every problem; nothing is stored then */
    public GenesysSourceConfig update(String tenantId, long id, GenesysSourceForm form) throws SQLException {
        GenesysSourceConfig saved = store().update(tenantId, id, form);
        audit.record(tenantId, "genesys.changed", saved.name(), "id " + saved.id() + ", " + saved.region());
        sources.reconfigure();
        return saved;
    }

    /** @return false when the tenant has no such org */
    public boolean delete(String tenantId, long id) throws SQLException {
        boolean removed = GenesysSourceStore.readOnly(dataSource).delete(tenantId, id);
        if (removed) {
            audit.record(tenantId, "genesys.removed", String.valueOf(id), null);
            sources.reconfigure();
        }
        return removed;
    }

    /**
     * Tries the form's settings step by step: a token (DNS, connection, client id/secret), the queue list
     * (permission routing:queue:view), a conversation details query of one minute (permission
     * analytics:conversationDetail:view). No retries: a 429 or 5xx is reported as it is. An empty secret
     * is taken from the stored org {@code id}.
     *
     * @throws InvalidSourceConfig when the settings are not even complete enough to try
     */
    public ConnectionTest test(String tenantId, Long id, GenesysSourceForm form) throws SQLException, InterruptedException {
        GenesysSourceConfig stored = id == null ? null : find(tenantId, id)
                .orElseThrow(() -> new InvalidSourceConfig("id", "tenant " + tenantId + " has no Genesys org " + id));
        List<SourceProblem> problems = new ArrayList<>(GenesysSourceRules.check(form, stored));
        problems.removeIf(p -> "name".equals(p.field()) || "displayName".equals(p.field())); // not needed to connect
        if (!problems.isEmpty()) {
            throw new InvalidSourceConfig(problems);
        }
        String secret = form.getClientSecret() != null && !form.getClientSecret().isEmpty() ? form.getClientSecret()
                : vault.decrypt(stored.clientSecret());
        GenesysSourceConfig trial = new GenesysSourceConfig(0, tenantId, "test", "test", true, form.getRegion().strip(),
                form.getBaseUrl() == null || form.getBaseUrl().isBlank() ? null : form.getBaseUrl().strip(),
                form.getClientId().strip(), null, null, null);
        GenesysApi api = sources.client(trial, secret, new GenesysApi.Settings(60, 1, 0, Duration.ofMillis(100),
                Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofMinutes(5), 10));
        List<ConnectionTest.Step> steps = new ArrayList<>();
        Instant now = Instant.now();
        boolean ok = step(steps, "token", "the client credentials were accepted", api::authenticate)
                && step(steps, "queues", "the queue list can be read", () -> api.get("/api/v2/routing/queues?pageSize=1&pageNumber=1"))
                && step(steps, "analytics", "conversation details can be read", () -> api.post(
                "/api/v2/analytics/conversations/details/query", Json.createObjectBuilder()
                        .add("interval", now.minusSeconds(60) + "/" + now)
                        .add("paging", Json.createObjectBuilder().add("pageSize", 1).add("pageNumber", 1)).build()));
        return new ConnectionTest(ok, steps);
    }

    private interface Call {
        void run() throws GenesysApiException, InterruptedException;
    }

    private static boolean step(List<ConnectionTest.Step> steps, String name, String success, Call call) throws InterruptedException {
        try {
            call.run();
            steps.add(new ConnectionTest.Step(name, true, null, 200, success));
            return true;
        } catch (GenesysApiException e) {
            steps.add(new ConnectionTest.Step(name, false, e.kind().name(), e.status(), e.getMessage()));
            return false;
        }
    }

    /**
     * Reads the org's conversation details of {@code day} in the tenant's time zone again (through the
     * running org's client when it runs), then cross-checks the day against the aggregates.
     */
    public DayImport importDay(String tenantId, long id, LocalDate day, ZoneId zone)
            throws SQLException, GenesysApiException, InterruptedException {
        GenesysSourceConfig c = find(tenantId, id)
                .orElseThrow(() -> new InvalidSourceConfig("id", "tenant " + tenantId + " has no Genesys org " + id));
        GenesysApi api = sources.running(tenantId, c.name()).map(GenesysSources.Running::api).orElseGet(() -> sources.client(c));
        GenesysHistoryImport.Result read = sources.history(c, api)
                .read(day.atStartOfDay(zone).toInstant(), day.plusDays(1).atStartOfDay(zone).toInstant());
        List<CrossCheckRow> check = new GenesysCrossCheck(api, dataSource, tenantId, c.name()).check(day, zone);
        return new DayImport(read.conversations(), read.visits(), read.skipped(), check);
    }

    /**
     * The nightly job's step ({@link GenesysCrossCheckNightly}): the org's day read again and cross-checked
     * in the tenant's time zone. Empty when the org was removed or disabled since the launch.
     */
    public Optional<DayImport> importScheduledDay(String tenantId, long id, LocalDate day)
            throws SQLException, GenesysApiException, InterruptedException {
        Optional<GenesysSourceConfig> c = find(tenantId, id);
        if (c.isEmpty() || !c.get().enabled()) {
            return Optional.empty();
        }
        ZoneId zone = tenants.find(tenantId).map(Tenant::getTimeZone).orElseThrow(
                () -> new InvalidSourceConfig("tenant", "unknown tenant '" + tenantId + "'"));
        return Optional.of(importDay(tenantId, id, day, zone));
    }

    /** The running org's live connection state; empty when the org does not run (disabled, or not started yet). */
    public Optional<SourceStatus> liveStatus(String tenantId, String name) {
        return sources.running(tenantId, name).map(r -> r.session().source().status());
    }

    /** Up to where the org's conversation details have been read (the history checkpoint), if ever. */
    public Optional<Instant> lastImported(GenesysSourceConfig c) throws SQLException {
        return sources.history(c, null).checkpoint(); // the checkpoint is read from the database; no call is made
    }

    /** What a day's read found, and its cross-check. */
    public record DayImport(int conversations, int visits, int skipped, List<CrossCheckRow> crossCheck) {
    }

    /** The stored cross-checks of the tenant's orgs between the days (inclusive). */
    public List<CrossCheckRow> crossChecks(String tenantId, LocalDate from, LocalDate to) throws SQLException {
        return GenesysCrossCheck.stored(dataSource, tenantId, from, to);
    }

    public List<GenesysApiStats> apiStats(String tenantId) {
        return sources.apiStats(tenantId);
    }

    private GenesysSourceStore store() {
        return new GenesysSourceStore(dataSource, vault.cipher());
    }
}
