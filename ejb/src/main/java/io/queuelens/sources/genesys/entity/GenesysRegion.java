package io.queuelens.sources.genesys.entity;

import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * Where an org lives: Genesys serves each region from {@code api.<domain>} and {@code login.<domain>}.
 * Tests (and proxies) give a base URL instead, which then serves both the API and the token endpoint.
 */
public record GenesysRegion(URI api, URI login) {

    /** The regions' domains as Genesys documents them (FORMATS.md §4). */
    public static final List<String> DOMAINS = List.of(
            "mypurecloud.com", "mypurecloud.ie", "mypurecloud.de", "mypurecloud.com.au", "mypurecloud.jp",
            "usw2.pure.cloud", "use2.us-gov-pure.cloud", "cac1.pure.cloud", "euw2.pure.cloud", "euc2.pure.cloud",
            "aps1.pure.cloud", "apne2.pure.cloud", "apne3.pure.cloud", "sae1.pure.cloud", "mec1.pure.cloud");

    /**
     * @param region  a domain of {@link #DOMAINS}
     * @param baseUrl optional override (http or https, no path needed); null or blank for the region's hosts
     */
    public static GenesysRegion of(String region, String baseUrl) {
        if (baseUrl != null && !baseUrl.isBlank()) {
            URI base = URI.create(baseUrl.strip().replaceAll("/+$", ""));
            if (base.getScheme() == null || base.getHost() == null
                    || !(base.getScheme().equals("http") || base.getScheme().equals("https"))) {
                throw new IllegalArgumentException("the base URL must be an http(s) URL with a host: " + baseUrl);
            }
            return new GenesysRegion(base, base);
        }
        String domain = region == null ? "" : region.strip().toLowerCase(Locale.ROOT);
        if (!DOMAINS.contains(domain)) {
            throw new IllegalArgumentException("unknown Genesys region '" + region + "'; one of " + DOMAINS);
        }
        return new GenesysRegion(URI.create("https://api." + domain), URI.create("https://login." + domain));
    }

    public URI api(String pathAndQuery) {
        return URI.create(api + pathAndQuery);
    }

    public URI tokenUri() {
        return URI.create(login + "/oauth/token");
    }
}
