package io.queuelens.web.security;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LoginBackingTest {

    @Test
    void returnsOnlyToPathsOfThisApplication() {
        assertThat(LoginBacking.localPath("/index.xhtml?x=1")).isEqualTo("/index.xhtml?x=1");
        assertThat(LoginBacking.localPath("//evil.example/")).isEqualTo("/");
        assertThat(LoginBacking.localPath("https://evil.example/")).isEqualTo("/");
        assertThat(LoginBacking.localPath("/\\evil.example")).isEqualTo("/");
        assertThat(LoginBacking.localPath("/login.xhtml")).isEqualTo("/");
        assertThat(LoginBacking.localPath(null)).isEqualTo("/");
    }
}
