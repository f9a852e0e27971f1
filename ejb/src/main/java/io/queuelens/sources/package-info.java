/**
 * Connections to contact-center platforms: one {@code @Singleton} per configured source, each behind
 * {@link io.queuelens.sources.boundary.Source}. Sub-packages: {@code demo} (the built-in simulated
 * PBX), {@code asterisk} (AMI, queue_log and CDR readers), {@code genesys} (Genesys Cloud).
 */
package io.queuelens.sources;
