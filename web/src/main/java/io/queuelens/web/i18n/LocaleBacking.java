package io.queuelens.web.i18n;

import jakarta.enterprise.context.SessionScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Named;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;

/**
 * The language of the user's session: the browser's preferred supported language until the user
 * picks one from the menu.
 */
@Named
@SessionScoped
public class LocaleBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    static final List<String> SUPPORTED = List.of("en", "tr", "ru", "pt", "uz");

    private String language;

    public String getLanguage() {
        if (language == null) {
            Locale preferred = FacesContext.getCurrentInstance().getExternalContext().getRequestLocale();
            language = preferred != null && SUPPORTED.contains(preferred.getLanguage()) ? preferred.getLanguage() : "en";
        }
        return language;
    }

    public void setLanguage(String language) {
        if (SUPPORTED.contains(language)) {
            this.language = language;
        }
    }

    public Locale getLocale() {
        return Locale.forLanguageTag(getLanguage());
    }

    public List<String> getLanguages() {
        return SUPPORTED;
    }

    /** Each language named in itself, so a user who cannot read the current one still finds theirs. */
    public String nativeName(String tag) {
        Locale l = Locale.forLanguageTag(tag);
        String name = l.getDisplayLanguage(l);
        return name.isEmpty() ? tag : Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }
}
