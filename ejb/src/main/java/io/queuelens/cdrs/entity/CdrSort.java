package io.queuelens.cdrs.entity;

import java.util.Arrays;
import java.util.Optional;

/** The columns a CDR list may be sorted by: a whitelist, so no request text ever reaches ORDER BY. */
public enum CdrSort {
    CALLDATE("calldate"),
    SRC("src"),
    DST("dst"),
    DID("did"),
    CALLER_NAME("caller_name"),
    DISPOSITION("disposition"),
    DURATION("duration"),
    BILLSEC("billsec"),
    QUEUE("queue"),
    AGENT("agent");

    private final String column;

    CdrSort(String column) {
        this.column = column;
    }

    public String column() {
        return column;
    }

    /** By the name a page or API uses: the enum name in any case or the column ({@code calldate}, {@code callerName}...). */
    public static Optional<CdrSort> of(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String n = name.strip().replace("_", "").toLowerCase(java.util.Locale.ROOT);
        return Arrays.stream(values()).filter(s -> s.name().replace("_", "").toLowerCase(java.util.Locale.ROOT).equals(n))
                .findFirst();
    }
}
