package io.queuelens.web.api;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokensResourceTest {

    private static TokensResource.TokenForm form(String expiresAt, Integer days) {
        TokensResource.TokenForm f = new TokensResource.TokenForm();
        f.name = "n";
        f.expiresAt = expiresAt;
        f.expiresInDays = days;
        return f;
    }

    @Test
    void expiryIsAnInstantOrDaysOrNothing() {
        assertThat(TokensResource.expiry(form(null, null))).isNull();
        assertThat(TokensResource.expiry(form(" ", null))).isNull();
        assertThat(TokensResource.expiry(form("2027-01-01T00:00:00Z", null))).isEqualTo(Instant.parse("2027-01-01T00:00:00Z"));
        assertThat(Duration.between(Instant.now(), TokensResource.expiry(form(null, 30))).toDays()).isBetween(29L, 30L);
    }

    @Test
    void badExpiriesAreRefusedWithWhatWasWrong() {
        assertThatThrownBy(() -> TokensResource.expiry(form("tomorrow", null))).hasMessageContaining("'tomorrow'");
        assertThatThrownBy(() -> TokensResource.expiry(form(null, 0))).hasMessageContaining("1 to 3650");
        assertThatThrownBy(() -> TokensResource.expiry(form("2027-01-01T00:00:00Z", 3))).hasMessageContaining("not both");
    }
}
