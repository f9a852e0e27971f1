/**
 * Connections to contact-center platforms: one {@code @Singleton} per configured source, each behind
 * {@link io.queuelens.sources.boundary.Source}. Sub-packages: {@code demo} (the built-in simulated
 * PBX), {@code asterisk} (AMI, queue_log and CDR readers), {@code genesys} (Genesys Cloud).
 * {@code asterisk} also owns the PBXs configured per tenant ({@code asterisk_source}: where the
 * queue_log is, database and AMI credentials encrypted by the vault) and their "test connection".
 */
package io.queuelens.sources;
