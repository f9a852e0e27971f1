package io.queuelens.web.security;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SameOriginTest {

    private static final String OWN = "http://localhost:8080";
    private final SameOrigin rule = new SameOrigin("https://QueueLens.example.com, https://ql.example.org:8443");

    @Test
    void safeMethodsAndBearerRequestsPassFromAnywhere() {
        assertThat(rule.refusal("GET", null, "https://evil.example", null, OWN)).isNull();
        assertThat(rule.refusal("HEAD", null, null, null, OWN)).isNull();
        assertThat(rule.refusal("POST", "Bearer abc", "https://evil.example", null, OWN)).isNull();
    }

    @Test
    void aCookieRequestMustComeFromThisServerOrItsPublicOrigin() {
        assertThat(rule.refusal("POST", null, "http://localhost:8080", null, OWN)).isNull();
        assertThat(rule.refusal("DELETE", null, "HTTP://LOCALHOST:8080", null, OWN)).isNull();
        assertThat(rule.refusal("PUT", null, "https://queuelens.example.com", null, OWN)).isNull();
        assertThat(rule.refusal("PUT", null, "https://queuelens.example.com:443", null, OWN)).isNull();
        assertThat(rule.refusal("PATCH", null, "https://ql.example.org:8443", null, OWN)).isNull();
        assertThat(rule.refusal("POST", null, "https://evil.example", null, OWN)).contains("https://evil.example");
        assertThat(rule.refusal("POST", null, "http://localhost:8081", null, OWN)).isNotNull();
        assertThat(rule.refusal("POST", null, "https://localhost:8080", null, OWN)).as("another scheme").isNotNull();
        assertThat(rule.refusal("POST", null, "http://localhost:8080.evil.example", null, OWN)).isNotNull();
    }

    @Test
    void withoutOriginTheRefererCountsAndWithoutBothTheRequestIsRefused() {
        assertThat(rule.refusal("POST", null, null, "http://localhost:8080/admin/sources.xhtml?x=1", OWN)).isNull();
        assertThat(rule.refusal("POST", null, "null", "http://localhost:8080/a", OWN)).isNull();
        assertThat(rule.refusal("POST", null, null, "https://evil.example/localhost:8080", OWN)).isNotNull();
        assertThat(rule.refusal("POST", null, null, null, OWN)).contains("Origin or Referer");
        assertThat(rule.refusal("POST", "", "", "", OWN)).isNotNull();
        assertThat(rule.refusal("POST", null, "javascript:alert(1)", null, OWN)).isNotNull();
    }

    @Test
    void aMisconfiguredPublicOriginIsNamed() {
        assertThatThrownBy(() -> new SameOrigin("queuelens.example.com")).hasMessageContaining("queuelens.public-origin");
        assertThat(new SameOrigin("  ").refusal("POST", null, "https://queuelens.example.com", null, OWN)).isNotNull();
    }
}
