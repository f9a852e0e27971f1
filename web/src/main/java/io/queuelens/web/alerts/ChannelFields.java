package io.queuelens.web.alerts;

import io.queuelens.alerts.entity.AlertChannel;
import io.queuelens.alerts.entity.ChannelDraft;

import java.io.Serializable;

/** The channel editor's fields; the secret is write-only (never filled from the store). */
public class ChannelFields implements Serializable {

    private static final long serialVersionUID = 1L;

    private long id;
    private String name;
    private String kind = "EMAIL";
    private String target;
    private String secret;
    private boolean clearSecret;
    private boolean secretSet;
    private boolean enabled = true;

    void fill(AlertChannel c) {
        id = c == null ? 0 : c.id();
        name = c == null ? null : c.name();
        kind = c == null ? "EMAIL" : c.kind().name();
        target = c == null ? null : c.target();
        secretSet = c != null && c.secretSet();
        enabled = c == null || c.enabled();
        secret = null;
        clearSecret = false;
    }

    ChannelDraft draft() {
        return new ChannelDraft(name, kind, target, secret, clearSecret, enabled);
    }

    public long getId() { return id; }
    public String getName() { return name; }
    public void setName(String v) { name = v; }
    public String getKind() { return kind; }
    public void setKind(String v) { kind = v; }
    public String getTarget() { return target; }
    public void setTarget(String v) { target = v; }
    public String getSecret() { return secret; }
    public void setSecret(String v) { secret = v; }
    public boolean isClearSecret() { return clearSecret; }
    public void setClearSecret(boolean v) { clearSecret = v; }
    public boolean isSecretSet() { return secretSet; }
    public boolean isEnabled() { return enabled; }
    public void setEnabled(boolean v) { enabled = v; }
}
