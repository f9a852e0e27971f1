package io.queuelens.web.i18n;

import jakarta.faces.context.FacesContext;

import java.text.MessageFormat;
import java.util.ResourceBundle;

/** Text from the {@code messages} bundle in the current view's locale. */
public final class Messages {

    public static final String BUNDLE = "io.queuelens.web.messages";

    private Messages() {
    }

    /** The text of {@code key}, or {@code fallback} when the bundle has no such key (e.g. a problem this version cannot name). */
    public static String textOr(String key, String fallback, Object... args) {
        FacesContext faces = FacesContext.getCurrentInstance();
        ResourceBundle bundle = ResourceBundle.getBundle(BUNDLE, faces.getViewRoot().getLocale());
        return bundle.containsKey(key) ? text(key, args) : fallback;
    }

    public static String text(String key, Object... args) {
        FacesContext faces = FacesContext.getCurrentInstance();
        ResourceBundle bundle = ResourceBundle.getBundle(BUNDLE, faces.getViewRoot().getLocale());
        String pattern = bundle.getString(key);
        return args.length == 0 ? pattern : new MessageFormat(pattern, bundle.getLocale()).format(args);
    }
}
