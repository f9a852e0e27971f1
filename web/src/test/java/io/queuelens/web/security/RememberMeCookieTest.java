package io.queuelens.web.security;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RememberMeCookieTest {

    @Test
    void theCookieIsHttpOnlyLaxAndSecureOnlyOverHttps() {
        assertThat(RememberMeCookie.header("s:v", 1_209_600, false, "/"))
                .isEqualTo("QL_REMEMBER=s:v; Path=/; Max-Age=1209600; HttpOnly; SameSite=Lax");
        assertThat(RememberMeCookie.header("s:v", 60, true, "/ql")).endsWith("; HttpOnly; SameSite=Lax; Secure").contains("Path=/ql");
        assertThat(RememberMeCookie.header("", 0, false, "/")).contains("Max-Age=0");
    }
}
