package io.queuelens.alerts.control;

import io.queuelens.alerts.entity.AlertChannel;
import io.queuelens.alerts.entity.AlertNotice;
import jakarta.json.Json;
import jakarta.json.JsonObject;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

/**
 * What a notification looks like on the wire. Every delivery stores the generic JSON document
 * ({@link #payload}); the Slack and Telegram bodies are made from its {@code text}.
 * <ul>
 * <li>generic: the document, POSTed with {@code X-QueueLens-Timestamp} (epoch seconds of the attempt) and
 * {@code X-QueueLens-Signature: sha256=<hex HMAC-SHA256 of the body with the channel's secret>};</li>
 * <li>Slack-compatible: {@code {"text": ...}} to the incoming-webhook URL (signed the same way when the
 * channel has a secret);</li>
 * <li>Telegram-compatible: {@code {"chat_id": ..., "text": ...}} to {@code <base>/bot<token>/sendMessage}.</li>
 * </ul>
 */
public final class Webhooks {

    public static final String SIGNATURE_HEADER = "X-QueueLens-Signature";
    public static final String TIMESTAMP_HEADER = "X-QueueLens-Timestamp";

    private Webhooks() {
    }

    /** The generic document of a notice. */
    public static String payload(AlertNotice n) {
        return Json.createObjectBuilder()
                .add("event", "alert." + n.kind().toLowerCase(java.util.Locale.ROOT))
                .add("incidentId", n.incidentId())
                .add("tenant", n.tenantId())
                .add("rule", n.ruleName())
                .add("severity", n.severity().name())
                .add("figure", n.figure().name())
                .add("scope", n.scopeKey())
                .add("queues", Json.createArrayBuilder(n.queues()))
                .add("value", n.value())
                .add("condition", n.condition())
                .add("at", n.at().toString())
                .add("text", n.text())
                .build().toString();
    }

    public static String text(String payload) {
        try (var r = Json.createReader(new StringReader(payload))) {
            JsonObject o = r.readObject();
            return o.getString("text", "");
        }
    }

    /** {@code sha256=<hex>} of the HMAC-SHA256 of {@code body} under {@code secret}. */
    public static String signature(byte[] body, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /**
     * The HTTP request of one attempt.
     *
     * @param secret       the channel's decrypted secret (HMAC key, Telegram bot token), or null
     * @param telegramBase e.g. {@code https://api.telegram.org}
     */
    public static HttpRequest request(AlertChannel channel, String secret, String payload, String telegramBase,
                                      Duration timeout, Instant now) {
        String body;
        URI uri;
        switch (channel.kind()) {
            case WEBHOOK_GENERIC -> {
                body = payload;
                uri = URI.create(channel.target());
            }
            case WEBHOOK_SLACK -> {
                body = Json.createObjectBuilder().add("text", text(payload)).build().toString();
                uri = URI.create(channel.target());
            }
            case WEBHOOK_TELEGRAM -> {
                body = Json.createObjectBuilder().add("chat_id", channel.target()).add("text", text(payload)).build().toString();
                String base = telegramBase.endsWith("/") ? telegramBase.substring(0, telegramBase.length() - 1) : telegramBase;
                uri = URI.create(base + "/bot" + secret + "/sendMessage");
            }
            default -> throw new IllegalArgumentException("not a webhook: " + channel.kind());
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .header("User-Agent", "QueueLens-Alerts")
                .header(TIMESTAMP_HEADER, String.valueOf(now.getEpochSecond()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
        if (secret != null && channel.kind() != io.queuelens.alerts.entity.ChannelKind.WEBHOOK_TELEGRAM) {
            b.header(SIGNATURE_HEADER, signature(bytes, secret));
        }
        return b.build();
    }
}
