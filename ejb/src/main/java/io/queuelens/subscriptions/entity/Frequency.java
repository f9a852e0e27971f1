package io.queuelens.subscriptions.entity;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How often a subscription runs. */
public enum Frequency {
    DAILY, WEEKLY, MONTHLY;

    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Frequency> ofApiName(String value) {
        String v = value == null ? "" : value.strip().toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(f -> f.name().equals(v)).findFirst();
    }
}
