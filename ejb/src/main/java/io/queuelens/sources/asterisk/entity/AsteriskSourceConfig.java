package io.queuelens.sources.asterisk.entity;

import java.time.Instant;
import java.time.ZoneId;

/**
 * One configured Asterisk PBX as stored: {@code dbPassword} and {@code amiSecret} are vault ciphertext
 * (or null), never plaintext. Only the ingestion and the connection test ask the vault to open them.
 *
 * @param id       row id (the key of the admin page and the REST API)
 * @param name     the source id the PBX's facts are stored under; fixed at creation
 * @param timeZone the zone of the PBX's clock (table times are its local time); null = the tenant's
 */
public record AsteriskSourceConfig(long id, String tenantId, String name, String displayName, boolean enabled,
                                   QueueLogMode mode, String dbUrl, String dbUser, String dbPassword,
                                   String queueLogTable, String queueLogFile, String cdrTable,
                                   String amiHost, Integer amiPort, String amiUser, String amiSecret,
                                   ZoneId timeZone, Instant createdAt, Instant updatedAt) {

    public boolean hasAmi() {
        return amiHost != null;
    }

    public ZoneId zoneOr(ZoneId tenantZone) {
        return timeZone == null ? tenantZone : timeZone;
    }

    @Override
    public String toString() { // records print every field: keep the ciphertexts out of logs too
        return "AsteriskSourceConfig[" + tenantId + "/" + name + ", " + mode + ", enabled=" + enabled + "]";
    }
}
