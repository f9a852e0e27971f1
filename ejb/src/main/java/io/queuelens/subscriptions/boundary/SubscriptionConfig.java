package io.queuelens.subscriptions.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Arrays;
import java.util.Optional;

/** The subscription settings (README, {@code ./queuelens help config}). */
@ApplicationScoped
public class SubscriptionConfig {

    @Inject
    @ConfigProperty(name = "queuelens.subscriptions.attach-max-mb", defaultValue = "10")
    double attachMaxMb;

    @Inject
    @ConfigProperty(name = "queuelens.subscriptions.link-days", defaultValue = "7")
    int linkDays;

    @Inject
    @ConfigProperty(name = "queuelens.subscriptions.link-base-url")
    Optional<String> linkBaseUrl;

    @Inject
    @ConfigProperty(name = "queuelens.public-origin")
    Optional<String> publicOrigin;

    @Inject
    @ConfigProperty(name = "queuelens.subscriptions.scheduler-enabled", defaultValue = "true")
    boolean schedulerEnabled;

    /** Attachments of one mail together at most this many MB (0 = always links; decimals allowed), 0..1000. */
    public double attachMaxMb() {
        return Double.isNaN(attachMaxMb) ? 10 : Math.max(0, Math.min(1000, attachMaxMb));
    }

    public long attachMaxBytes() {
        return (long) (attachMaxMb() * 1024 * 1024);
    }

    /** Days a download link works, 1..365. */
    public int linkDays() {
        return Math.max(1, Math.min(365, linkDays));
    }

    /** Where the links point: the setting, else the first public origin, else http://localhost:8080. */
    public String linkBaseUrl() {
        String base = linkBaseUrl.filter(s -> !s.isBlank())
                .or(() -> publicOrigin.flatMap(o -> Arrays.stream(o.split(",")).map(String::strip).filter(s -> !s.isEmpty()).findFirst()))
                .orElse("http://localhost:8080");
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    public boolean schedulerEnabled() {
        return schedulerEnabled;
    }
}
