package io.queuelens.sources.asterisk.entity;

import java.util.Objects;

/**
 * Where and how to log in to an Asterisk Manager Interface.
 *
 * @param host        address of the PBX
 * @param port        AMI port (5038 on a stock Asterisk)
 * @param username    manager user ({@code [user]} in manager.conf)
 * @param secret      its secret; never logged
 * @param settingHint the setting an operator changes to fix these values, named in error messages
 */
public record AmiSettings(String host, int port, String username, String secret, String settingHint) {

    public AmiSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(secret, "secret");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("AMI port out of range: " + port);
        }
    }

    public String address() {
        return host + ":" + port;
    }

    @Override
    public String toString() {
        return "AmiSettings[" + username + "@" + address() + "]"; // no secret in logs
    }
}
