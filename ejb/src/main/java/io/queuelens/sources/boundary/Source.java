package io.queuelens.sources.boundary;

/**
 * One connection to a contact-center platform (Asterisk, Genesys Cloud or the built-in demo) that
 * belongs to one tenant. Health checks, the operations page and metrics see every source through
 * this interface; each implementation is an {@code @Singleton} that owns its own lifecycle.
 */
public interface Source {

    /** The tenant the source belongs to, e.g. {@code demo}. */
    String tenantId();

    /** A short name unique within the tenant, e.g. {@code pbx1}. */
    String name();

    SourceKind kind();

    /** A consistent picture of the connection right now; never blocks on I/O. */
    SourceStatus status();
}
