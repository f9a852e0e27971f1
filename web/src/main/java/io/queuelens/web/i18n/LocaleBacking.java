package io.queuelens.web.i18n;

import io.queuelens.identity.boundary.UserAdministration;
import jakarta.enterprise.context.SessionScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;

/**
 * The language of the user's session: the language stored on the user (applied at login), else the
 * browser's preferred supported language, until the user picks one from the menu; a logged-in user's
 * pick is stored on them for their next logins. Pages format dates and numbers in it.
 */
@Named
@SessionScoped
public class LocaleBacking implements Serializable {

    private static final long serialVersionUID = 1L;

    static final List<String> SUPPORTED = List.of("en", "tr", "ru", "pt", "uz");

    private String language;

    @Inject
    UserAdministration users;

    public String getLanguage() {
        if (language == null) {
            Locale preferred = FacesContext.getCurrentInstance().getExternalContext().getRequestLocale();
            language = preferred != null && SUPPORTED.contains(preferred.getLanguage()) ? preferred.getLanguage() : "en";
        }
        return language;
    }

    public void setLanguage(String language) {
        if (SUPPORTED.contains(language)) {
            boolean changed = !language.equals(this.language);
            this.language = language;
            String user = FacesContext.getCurrentInstance().getExternalContext().getRemoteUser();
            if (changed && user != null) {
                users.setLocale(user, language);
            }
        }
    }

    /** At login: the user's stored language, when they chose a supported one. */
    public void applyStored(String stored) {
        if (stored != null && SUPPORTED.contains(stored)) {
            this.language = stored;
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
