package io.queuelens.login.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.Optional;
import java.util.logging.Logger;

/** The login-security settings (README: QUEUELENS_LOGIN_*, QUEUELENS_TRUSTED_PROXIES) and the per-address memory. */
@ApplicationScoped
public class LoginSettings {

    /** Client addresses remembered at most; each takes about 200 bytes. */
    static final int ADDRESSES_REMEMBERED = 10_000;

    @Inject
    @ConfigProperty(name = "queuelens.login.max-failures", defaultValue = "5")
    int maxFailures;

    @Inject
    @ConfigProperty(name = "queuelens.login.ip-max-failures", defaultValue = "20")
    int ipMaxFailures;

    @Inject
    @ConfigProperty(name = "queuelens.login.failure-window-seconds", defaultValue = "900")
    long windowSeconds;

    @Inject
    @ConfigProperty(name = "queuelens.login.lock-seconds", defaultValue = "60")
    long lockSeconds;

    @Inject
    @ConfigProperty(name = "queuelens.login.max-lock-seconds", defaultValue = "3600")
    long maxLockSeconds;

    @Inject
    @ConfigProperty(name = "queuelens.trusted-proxies")
    Optional<String> trustedProxies;

    private static final Logger LOG = Logger.getLogger(LoginSettings.class.getName());

    private LockoutPolicy userPolicy;
    private IpFailures ipFailures;
    private TrustedProxies proxies;

    @PostConstruct
    void init() {
        Duration window = Duration.ofSeconds(Math.max(1, windowSeconds));
        Duration lock = Duration.ofSeconds(Math.max(1, lockSeconds));
        Duration maxLock = Duration.ofSeconds(Math.max(1, maxLockSeconds));
        userPolicy = new LockoutPolicy(Math.max(1, maxFailures), window, lock, maxLock);
        ipFailures = new IpFailures(new LockoutPolicy(Math.max(1, ipMaxFailures), window, lock, maxLock), ADDRESSES_REMEMBERED);
        try {
            proxies = TrustedProxies.parse(trustedProxies.orElse(""));
        } catch (IllegalArgumentException e) {
            // Safe side: trust no proxy (every client is its socket address) rather than fail every login.
            LOG.severe("QUEUELENS_TRUSTED_PROXIES is ignored, no proxy is trusted: " + e.getMessage());
            proxies = TrustedProxies.NONE;
        }
    }

    public LockoutPolicy userPolicy() {
        return userPolicy;
    }

    public IpFailures ipFailures() {
        return ipFailures;
    }

    public TrustedProxies trustedProxies() {
        return proxies;
    }
}
