package io.queuelens.alerts.entity;

/**
 * A channel as typed in a form or sent to the API. {@code secret}: null or empty keeps the stored one;
 * {@code clearSecret} removes it.
 */
public record ChannelDraft(String name, String kind, String target, String secret, boolean clearSecret, boolean enabled) {

    @Override
    public String toString() {
        return "ChannelDraft[name=" + name + ", kind=" + kind + ", target=" + target + ", secret=***]";
    }
}
