package io.queuelens.sources.genesys.entity;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One queue of one day of an org: offered/answered as Genesys's aggregates count them and as the
 * imported queue visits count them.
 */
public record CrossCheckRow(String sourceId, LocalDate day, String queue, long offeredGenesys, long answeredGenesys,
                            long offeredFacts, long answeredFacts, Instant checkedAt) {

    public boolean mismatch() {
        return offeredGenesys != offeredFacts || answeredGenesys != answeredFacts;
    }
}
