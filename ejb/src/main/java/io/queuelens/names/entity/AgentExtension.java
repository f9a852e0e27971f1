package io.queuelens.names.entity;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The extension inside an agent's system name. Asterisk names one person in several ways: the agent
 * channel {@code Agent/1001} (AGENTLOGIN), the device {@code PJSIP/1001} or {@code SIP/1001}, the queue
 * member interface {@code Local/1001@from-queue/n}. They share the extension, which is what makes them one
 * agent. A channel name with a unique suffix ({@code PJSIP/1001-0000002a}) is a call leg, not an agent,
 * and has none.
 */
public final class AgentExtension {

    private static final Pattern SYSTEM_NAME = Pattern.compile(
            "(?i)(?:Agent|PJSIP|SIP|IAX2|Local)/([0-9A-Za-z_.+]+)(?:@[^;]*)?");

    private AgentExtension() {
    }

    public static Optional<String> of(String key) {
        if (key == null) {
            return Optional.empty();
        }
        Matcher m = SYSTEM_NAME.matcher(key.strip());
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
