package io.queuelens.sources.genesys.entity;

import java.time.Instant;

/**
 * A configured Genesys Cloud org of a tenant, as stored ({@code genesys_source}).
 *
 * @param name         the source id its facts are stored under (never changes)
 * @param baseUrl      overrides the region's hosts, or null
 * @param clientSecret vault ciphertext, never plain
 * @param updatedAt    the version: any edit restarts what runs for the org
 */
public record GenesysSourceConfig(long id, String tenantId, String name, String displayName, boolean enabled,
                                  String region, String baseUrl, String clientId, String clientSecret,
                                  Instant createdAt, Instant updatedAt) {

    /** The org as REST and pages show it: everything but the secret. */
    public View view() {
        return new View(id, tenantId, name, displayName, enabled, region, baseUrl, clientId, createdAt, updatedAt);
    }

    public record View(long id, String tenantId, String name, String displayName, boolean enabled, String region,
                       String baseUrl, String clientId, Instant createdAt, Instant updatedAt) {
    }
}
