package io.queuelens.web.security;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a state-changing REST request may have come from a page of another site (CSRF). A browser
 * sends the session cookie with a cross-site request on its own, but it also tells where the request
 * comes from ({@code Origin}, or at least {@code Referer}); a page cannot forge them. So a POST, PUT,
 * PATCH or DELETE that is not authenticated by an {@code Authorization} header (which another site
 * cannot make the browser send) must name this server's origin, else it is refused. A request that
 * names no origin at all is refused too: browsers always send one of the two on such requests (our
 * Referrer-Policy is same-origin), and scripts use a bearer token.
 */
public final class SameOrigin {

    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

    private final Set<String> publicOrigins;

    /** @param publicOrigins comma-separated origins the server is reached by behind a proxy, e.g. {@code https://ql.example.com}; may be blank */
    public SameOrigin(String publicOrigins) {
        Set<String> origins = new LinkedHashSet<>();
        if (publicOrigins != null) {
            for (String o : publicOrigins.split(",")) {
                if (!o.isBlank()) {
                    origins.add(normalize(o.strip()).orElseThrow(() -> new IllegalArgumentException(
                            "queuelens.public-origin: '" + o.strip() + "' is not an origin such as https://queuelens.example.com")));
                }
            }
        }
        this.publicOrigins = Set.copyOf(origins);
    }

    /**
     * @param ownOrigin the origin the request was addressed to ({@code scheme://Host})
     * @return null when the request may pass, else why it is refused
     */
    public String refusal(String method, String authorization, String origin, String referer, String ownOrigin) {
        if (SAFE.contains(method.toUpperCase(Locale.ROOT)) || (authorization != null && !authorization.isBlank())) {
            return null;
        }
        String claimed = origin != null && !origin.isBlank() && !"null".equals(origin.strip()) ? origin : referer;
        if (claimed == null || claimed.isBlank()) {
            return "a " + method + " authenticated by the session cookie must come with an Origin or Referer header of this server";
        }
        Optional<String> from = normalize(claimed.strip());
        if (from.isPresent() && (from.equals(normalize(ownOrigin)) || publicOrigins.contains(from.get()))) {
            return null;
        }
        return "cross-site " + method + " refused: it comes from " + from.orElse("'" + claimed + "'")
                + ", not from this server (set QUEUELENS_PUBLIC_ORIGIN when a proxy serves it under another address)";
    }

    /** scheme://host[:port] in lower case, default ports left out; empty for anything else. */
    static Optional<String> normalize(String url) {
        if (url == null) {
            return Optional.empty();
        }
        try {
            URI u = new URI(url);
            String scheme = u.getScheme() == null ? null : u.getScheme().toLowerCase(Locale.ROOT);
            if (u.getHost() == null || !("http".equals(scheme) || "https".equals(scheme))) {
                return Optional.empty();
            }
            int port = u.getPort();
            boolean defaultPort = port == -1 || ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
            return Optional.of(scheme + "://" + u.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}
