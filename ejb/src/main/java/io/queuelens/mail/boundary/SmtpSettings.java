package io.queuelens.mail.boundary;

import io.queuelens.audit.boundary.AuditTrail;
import io.queuelens.mail.control.MailSettingsRules;
import io.queuelens.mail.control.MailSettingsStore;
import io.queuelens.mail.control.SmtpSessions;
import io.queuelens.mail.control.SmtpTester;
import io.queuelens.mail.entity.InvalidMail;
import io.queuelens.mail.entity.MailMessage;
import io.queuelens.mail.entity.MailProblem;
import io.queuelens.mail.entity.MailSettings;
import io.queuelens.mail.entity.MailSettingsForm;
import io.queuelens.mail.entity.SmtpStage;
import io.queuelens.mail.entity.SmtpTestResult;
import io.queuelens.mail.entity.SmtpTestStep;
import io.queuelens.tenancy.boundary.Tenants;
import io.queuelens.vault.boundary.Vault;
import io.queuelens.vault.control.VaultException;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The SMTP settings: server-wide (scope {@code *}) and per tenant, a tenant's own overriding the
 * server-wide ones for all of that tenant's mail. Who may change which scope is the callers' check (REST
 * and page: ADMIN any, a tenant's MANAGER their tenant's). Every change is audited; the password is
 * stored only through the vault and never handed back.
 */
@ApplicationScoped
public class SmtpSettings {

    @Resource(lookup = "jdbc/queuelens")
    DataSource dataSource;

    @Inject
    Vault vault;

    @Inject
    Tenants tenants;

    @Inject
    AuditTrail audit;

    @Inject
    MailConfig config;

    @Inject
    Mailer mailer;

    public Optional<MailSettings> find(String scope) throws SQLException {
        return store().find(scope);
    }

    /** The settings a tenant's mail goes out with: its own, else the server-wide ones. */
    public Optional<MailSettings> effective(String scope) throws SQLException {
        Optional<MailSettings> own = store().find(scope);
        return own.isPresent() || MailSettings.SERVER_WIDE.equals(scope) ? own : store().find(MailSettings.SERVER_WIDE);
    }

    /** @throws InvalidMail with every problem (including an unknown tenant); nothing is stored then */
    public MailSettings save(String scope, MailSettingsForm form) throws SQLException {
        requireScope(scope);
        Optional<MailSettings> stored = store().find(scope);
        List<MailProblem> problems = MailSettingsRules.check(form, stored.map(MailSettings::passwordSet).orElse(false));
        if (!problems.isEmpty()) {
            throw new InvalidMail(problems);
        }
        MailSettings saved = store().save(scope, form, vault::encrypt, audit.caller());
        audit.record(tenantOf(scope), "mail.settings-saved", scope, saved.host() + ":" + saved.port() + " " + saved.security()
                + (form.getPassword() != null && !form.getPassword().isEmpty() ? ", new password" : ""));
        return saved;
    }

    /** @return false when the scope had no settings of its own */
    public boolean delete(String scope) throws SQLException {
        boolean deleted = store().delete(scope);
        if (deleted) {
            audit.record(tenantOf(scope), "mail.settings-deleted", scope, null);
        }
        return deleted;
    }

    /**
     * Tries settings (an empty password field: the scope's stored one) by sending a test mail to
     * {@code recipient}, and says which step failed.
     *
     * @throws InvalidMail when the settings or the recipient are not even complete enough to try
     */
    public SmtpTestResult test(String scope, MailSettingsForm form, String recipient) throws SQLException {
        requireScope(scope);
        Optional<MailSettings> stored = store().find(scope);
        List<MailProblem> problems = new ArrayList<>(MailSettingsRules.check(form, stored.map(MailSettings::passwordSet).orElse(false)));
        if (!MailSettingsRules.isAddress(recipient)) {
            problems.add(MailProblem.of("testRecipient", "testRecipientInvalid", "enter the address the test mail goes to",
                    String.valueOf(recipient)));
        }
        if (!problems.isEmpty()) {
            throw new InvalidMail(problems);
        }
        String password;
        try {
            password = form.getPassword() != null && !form.getPassword().isEmpty() ? form.getPassword()
                    : stored.filter(MailSettings::passwordSet).map(s -> vault.decrypt(s.password())).orElse(null);
        } catch (VaultException e) {
            return new SmtpTestResult(List.of(new SmtpTestStep(SmtpStage.SETTINGS, false,
                    "the stored password cannot be opened: " + e.getMessage())));
        }
        SmtpSessions.Target target = new SmtpSessions.Target(form.getHost().strip(), form.getPort(), form.getSecurity(),
                form.getUsername() == null || form.getUsername().isBlank() ? null : form.getUsername().strip(), password);
        MailMessage mail = MailMessage.of(List.of(recipient.strip()), "QueueLens test mail",
                "This is a test mail from QueueLens (mail settings of " + label(scope) + ").\n"
                        + "If you read this, QueueLens can send mail through " + target.host() + ".",
                "<p>This is a test mail from <b>QueueLens</b> (mail settings of " + escape(label(scope)) + ").</p>"
                        + "<p>If you read this, QueueLens can send mail through " + escape(target.host()) + ".</p>");
        SmtpTestResult result = SmtpTester.test(target, form.getFromAddress().strip(),
                form.getFromName() == null ? null : form.getFromName().strip(), mail, config.timeout());
        audit.record(tenantOf(scope), "mail.test", scope, (result.ok() ? "test mail sent to " : "test failed ("
                + result.failedStage() + ") for ") + recipient.strip());
        return result;
    }

    /**
     * Puts a test mail into the outbox of the scope: it goes out like any other mail (stored settings,
     * retries, the delivery log), so the whole path can be watched.
     *
     * @return the delivery id
     * @throws InvalidMail for a bad recipient or an unknown tenant
     */
    public long queueTestMail(String scope, String recipient) throws SQLException {
        requireScope(scope);
        if (!MailSettingsRules.isAddress(recipient)) {
            throw new InvalidMail(MailProblem.of("testRecipient", "testRecipientInvalid", "enter the address the test mail goes to",
                    String.valueOf(recipient)));
        }
        long id = mailer.send(scope, MailMessage.of(List.of(recipient.strip()), "QueueLens test mail (outbox)",
                "This test mail went through the QueueLens outbox (" + label(scope) + ").",
                "<p>This test mail went through the <b>QueueLens</b> outbox (" + escape(label(scope)) + ").</p>"));
        audit.record(tenantOf(scope), "mail.test", scope, "test mail " + id + " queued for " + recipient.strip());
        return id;
    }

    private void requireScope(String scope) {
        if (!MailSettings.SERVER_WIDE.equals(scope) && (scope == null || tenants.find(scope).isEmpty())) {
            throw new InvalidMail(MailProblem.of("tenant", "unknownTenant", "unknown tenant '" + scope + "'", String.valueOf(scope)));
        }
    }

    private static String tenantOf(String scope) {
        return MailSettings.SERVER_WIDE.equals(scope) ? null : scope;
    }

    private static String label(String scope) {
        return MailSettings.SERVER_WIDE.equals(scope) ? "the server" : "tenant " + scope;
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private MailSettingsStore store() {
        return new MailSettingsStore(dataSource);
    }
}
