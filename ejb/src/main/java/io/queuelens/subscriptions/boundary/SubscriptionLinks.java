package io.queuelens.subscriptions.boundary;

import io.queuelens.exports.entity.ExportFormat;
import io.queuelens.subscriptions.control.LinkSigner;
import io.queuelens.subscriptions.control.SubscriptionStore;
import io.queuelens.vault.boundary.Vault;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Base64;

/**
 * The signed, expiring download links of a run's files. The HMAC key is 32 random bytes created at first
 * use and stored vault-encrypted in {@code subscription_secret}, so every cluster member signs alike and a
 * database dump alone cannot forge a link.
 */
@ApplicationScoped
public class SubscriptionLinks {

    /** The path the links point to, below the base URL; web.xml lets it through without a login. */
    public static final String PATH = "/api/v1/subscription-files/";

    @Resource(lookup = "jdbc/queuelens")
    DataSource dataSource;

    @Inject
    Vault vault;

    @Inject
    SubscriptionConfig config;

    private volatile LinkSigner signer;

    public String link(long runId, ExportFormat format, Instant expires) {
        long exp = expires.getEpochSecond();
        return config.linkBaseUrl() + PATH + runId + "/" + format.apiName() + "?expires=" + exp + "&sig="
                + signer().sign(runId, format.apiName(), exp);
    }

    public LinkSigner.Verdict check(long runId, String format, long expires, String sig) {
        return signer().check(runId, format, expires, sig, Instant.now());
    }

    LinkSigner signer() {
        LinkSigner s = signer;
        if (s == null) {
            synchronized (this) {
                if (signer == null) {
                    signer = new LinkSigner(Base64.getDecoder().decode(vault.decrypt(storedKey())));
                }
                s = signer;
            }
        }
        return s;
    }

    private String storedKey() {
        try (Connection c = dataSource.getConnection()) {
            var existing = SubscriptionStore.secret(c);
            if (existing.isPresent()) {
                return existing.get();
            }
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            return SubscriptionStore.storeSecret(c, vault.encrypt(Base64.getEncoder().encodeToString(key)));
        } catch (SQLException e) {
            throw new IllegalStateException("the link key cannot be read or stored: " + e.getMessage(), e);
        }
    }
}
