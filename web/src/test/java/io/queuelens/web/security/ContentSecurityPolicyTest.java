package io.queuelens.web.security;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ContentSecurityPolicyTest {

    @Test
    void thePagePolicyEndsWithScriptSrcForPrimeFacesToAppendItsNonceAndAllowsNoInlineScript() {
        String p = ContentSecurityPolicy.forPage("queuelens.example:8443");
        assertThat(p).endsWith("script-src 'self'");
        assertThat(p.substring(p.indexOf("script-src"))).doesNotContain("unsafe");
        assertThat(p).contains("connect-src 'self' ws://queuelens.example:8443 wss://queuelens.example:8443;")
                .contains("frame-ancestors 'none'").contains("object-src 'none'").contains("base-uri 'self'")
                .contains("form-action 'self'");
    }

    @Test
    void aHostHeaderThatIsNoHostAddsNoSource() {
        assertThat(ContentSecurityPolicy.forPage("evil; script-src *")).contains("connect-src 'self'; script-src 'self'")
                .doesNotContain("evil");
        assertThat(ContentSecurityPolicy.forPage(null)).contains("connect-src 'self'; ");
    }
}
