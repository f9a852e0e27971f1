package io.queuelens.sources.genesys.entity;

/**
 * A Genesys call that failed for good (after the retries the client allows), with what kind of
 * failure it was, so a connection test can say exactly what to fix.
 */
public class GenesysApiException extends Exception {

    public enum Kind {
        /** the host name does not resolve */
        DNS,
        /** nothing listens, or the connection was refused or reset */
        CONNECTION,
        /** no answer in time */
        TIMEOUT,
        /** the client id or secret was refused (token endpoint 400/401 invalid_client, or 401) */
        AUTH,
        /** the OAuth client lacks a permission (403) */
        PERMISSION,
        /** 429 too many requests, still after the retries */
        RATE_LIMIT,
        /** 5xx still after the retries */
        SERVER,
        /** another 4xx, or an answer that is not the JSON we expect */
        REQUEST
    }

    private final Kind kind;
    private final int status;

    public GenesysApiException(Kind kind, int status, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.status = status;
    }

    public GenesysApiException(Kind kind, int status, String message) {
        this(kind, status, message, null);
    }

    public Kind kind() {
        return kind;
    }

    /** the HTTP status, 0 when there was no answer */
    public int status() {
        return status;
    }
}
