package io.queuelens.sources.asterisk.boundary;

import io.queuelens.audit.boundary.AuditTrail;
import io.queuelens.ingest.boundary.HistoryIngestion;
import io.queuelens.ingest.control.QueueLogFileTail;
import io.queuelens.ingest.control.QueueLogTableIngestion;
import io.queuelens.sources.asterisk.control.AsteriskSourceRules;
import io.queuelens.sources.asterisk.control.AsteriskSourceStore;
import io.queuelens.sources.asterisk.control.SourceConnectionTester;
import io.queuelens.sources.asterisk.entity.AsteriskSourceConfig;
import io.queuelens.sources.asterisk.entity.AsteriskSourceForm;
import io.queuelens.sources.asterisk.entity.ConfiguredSourceView;
import io.queuelens.sources.asterisk.entity.ConnectionCheck;
import io.queuelens.sources.asterisk.entity.InvalidSourceConfig;
import io.queuelens.sources.asterisk.entity.QueueLogMode;
import io.queuelens.sources.asterisk.entity.SourceProblem;
import io.queuelens.sources.boundary.SourceStatus;
import io.queuelens.vault.boundary.Vault;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Validator;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Asterisk PBXs configured per tenant: list with their readers' state, create, edit, switch on
 * and off, and try the settings ("test connection"). Every change is validated with each problem on
 * its field ({@link InvalidSourceConfig}), stores secrets only through the vault, and reaches the
 * running readers at once ({@link HistoryIngestion#reconfigure()}).
 */
@ApplicationScoped
public class AsteriskSourceConfigs {

    @Resource(lookup = "jdbc/queuelens")
    DataSource dataSource;

    @Inject
    Vault vault;

    @Inject
    Validator validator;

    @Inject
    HistoryIngestion ingestion;

    @Inject
    AsteriskSources amiConnections;

    @Inject
    AuditTrail audit;

    public List<ConfiguredSourceView> ofTenant(String tenantId) throws SQLException {
        return views(AsteriskSourceStore.readOnly(dataSource).ofTenant(tenantId));
    }

    public List<ConfiguredSourceView> all() throws SQLException {
        return views(AsteriskSourceStore.readOnly(dataSource).all());
    }

    public Optional<AsteriskSourceConfig> find(String tenantId, long id) throws SQLException {
        return AsteriskSourceStore.readOnly(dataSource).find(tenantId, id);
    }

    /** @throws InvalidSourceConfig with every problem; nothing is stored then */
    public AsteriskSourceConfig create(String tenantId, AsteriskSourceForm form) throws SQLException {
        AsteriskSourceConfig saved = store().create(tenantId, form);
        audit.record(tenantId, "source.added", saved.name(), "id " + saved.id() + ", " + saved.mode());
        ingestion.reconfigure();
        amiConnections.reconfigure();
        return saved;
    }

    /** @throws InvalidSourceConfig with every problem; nothing is stored then */
    public AsteriskSourceConfig update(String tenantId, long id, AsteriskSourceForm form) throws SQLException {
        AsteriskSourceConfig saved = store().update(tenantId, id, form);
        audit.record(tenantId, "source.changed", saved.name(), "id " + saved.id() + ", " + saved.mode());
        ingestion.reconfigure();
        amiConnections.reconfigure();
        return saved;
    }

    /** @return false when the tenant has no such source */
    public boolean setEnabled(String tenantId, long id, boolean enabled) throws SQLException {
        boolean changed = AsteriskSourceStore.readOnly(dataSource).setEnabled(tenantId, id, enabled);
        if (changed) {
            audit.record(tenantId, enabled ? "source.enabled" : "source.disabled", String.valueOf(id), null);
        }
        ingestion.reconfigure();
        amiConnections.reconfigure();
        return changed;
    }

    /**
     * Tries the form's settings; secrets left empty are taken from the stored source {@code id} (null: a new one).
     *
     * @throws InvalidSourceConfig when the settings are not even complete enough to try
     */
    public List<ConnectionCheck> testConnection(String tenantId, Long id, AsteriskSourceForm form) throws SQLException {
        AsteriskSourceConfig stored = id == null ? null : find(tenantId, id)
                .orElseThrow(() -> new InvalidSourceConfig("id", "tenant " + tenantId + " has no source " + id));
        List<SourceProblem> problems = new ArrayList<>(AsteriskSourceRules.check(form, stored, validator, ingestion.fileRoots()));
        problems.removeIf(p -> "name".equals(p.field()) || "displayName".equals(p.field())); // not needed to connect
        if (!problems.isEmpty()) {
            throw new InvalidSourceConfig(problems);
        }
        String dbPassword = secret(form.getDbPassword(), stored == null ? null : stored.dbPassword());
        String amiSecret = secret(form.getAmiSecret(), stored == null ? null : stored.amiSecret());
        return SourceConnectionTester.test(new SourceConnectionTester.Target(form.getMode(), form.getDbUrl(), form.getDbUser(),
                dbPassword, form.getQueueLogTable(), form.getQueueLogFile(), form.getCdrTable(), form.getAmiHost(),
                form.getAmiPort(), form.getAmiUser(), amiSecret));
    }

    private String secret(String entered, String storedCiphertext) {
        if (entered != null && !entered.isEmpty()) {
            return entered;
        }
        return storedCiphertext == null ? null : vault.decrypt(storedCiphertext);
    }

    private List<ConfiguredSourceView> views(List<AsteriskSourceConfig> configs) throws SQLException {
        AsteriskSourceStore store = AsteriskSourceStore.readOnly(dataSource);
        List<ConfiguredSourceView> views = new ArrayList<>();
        for (AsteriskSourceConfig c : configs) {
            String reader = c.mode() == QueueLogMode.FILE ? QueueLogFileTail.READER : QueueLogTableIngestion.READER;
            AsteriskSourceStore.Progress progress = store.progress(c.tenantId(), c.name(), reader);
            SourceStatus status = ingestion.reader(c.id()).filter(r -> c.enabled()).map(r -> r.status())
                    .orElseGet(() -> new SourceStatus(c.enabled() ? SourceStatus.State.STARTING : SourceStatus.State.STOPPED,
                            false, c.enabled() ? "starting" : "disabled", null, Map.of()));
            views.add(new ConfiguredSourceView(c, status, progress.position(), progress.quarantined()));
        }
        return views;
    }

    private AsteriskSourceStore store() {
        return new AsteriskSourceStore(dataSource, vault.cipher(), validator, ingestion.fileRoots());
    }
}
