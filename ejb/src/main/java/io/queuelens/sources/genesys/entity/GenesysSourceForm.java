package io.queuelens.sources.genesys.entity;

/**
 * What an admin enters for a Genesys org (REST body and page form). The secret is write-only: left
 * empty on an edit, the stored one stays.
 */
public class GenesysSourceForm implements java.io.Serializable {

    private String name;
    private String displayName;
    private boolean enabled = true;
    private String region;
    private String baseUrl;
    private String clientId;
    private String clientSecret;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getDisplayName() {
        return displayName;
    }

    public void setDisplayName(String displayName) {
        this.displayName = displayName;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getRegion() {
        return region;
    }

    public void setRegion(String region) {
        this.region = region;
    }

    public String getBaseUrl() {
        return baseUrl;
    }

    public void setBaseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public String getClientId() {
        return clientId;
    }

    public void setClientId(String clientId) {
        this.clientId = clientId;
    }

    public String getClientSecret() {
        return clientSecret;
    }

    public void setClientSecret(String clientSecret) {
        this.clientSecret = clientSecret;
    }

    /** A form filled from a stored org (the secret stays empty). */
    public static GenesysSourceForm of(GenesysSourceConfig c) {
        GenesysSourceForm f = new GenesysSourceForm();
        f.setName(c.name());
        f.setDisplayName(c.displayName());
        f.setEnabled(c.enabled());
        f.setRegion(c.region());
        f.setBaseUrl(c.baseUrl());
        f.setClientId(c.clientId());
        return f;
    }
}
