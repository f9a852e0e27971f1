package io.queuelens.web.security;

import io.queuelens.web.i18n.Messages;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Locale;
import java.util.ResourceBundle;

import static org.assertj.core.api.Assertions.assertThat;

class SsoRefusalTest {

    @ParameterizedTest
    @ValueSource(strings = {"en", "tr", "ru", "pt", "uz"})
    void thePageNamesTheUserEscapedInEveryLanguage(String language) {
        ResourceBundle bundle = ResourceBundle.getBundle(Messages.BUNDLE, Locale.forLanguageTag(language));
        String page = SsoRefusal.page("<script>x</script>", bundle);
        assertThat(page).contains("<b>&lt;script&gt;x&lt;/script&gt;</b>").doesNotContain("<script>")
                .contains(SsoRefusal.escape(bundle.getString("sso.refused.title")));
    }
}
