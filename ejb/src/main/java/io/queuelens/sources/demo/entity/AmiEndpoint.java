package io.queuelens.sources.demo.entity;

/**
 * Where and how the in-process connector logs in to the demo PBX. The secret is generated at each
 * start and never persisted, so there is no default password anywhere.
 */
public record AmiEndpoint(String host, int port, String username, String secret) {

    @Override
    public String toString() {
        // never print the secret into logs
        return "AmiEndpoint[" + username + "@" + host + ":" + port + "]";
    }
}
