package io.queuelens.web.i18n;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.faces.application.ViewHandler;
import jakarta.faces.application.ViewHandlerWrapper;
import jakarta.faces.context.FacesContext;

import java.util.Locale;

/**
 * Every view starts in the user's chosen language ({@link LocaleBacking}), not only once its template's
 * {@code <f:view locale>} is built: a GET page's view actions run before that (the full view is built at
 * render time), and the reports they compute formatted their dates and numbers in the browser's
 * Accept-Language instead.
 */
public class UserLocaleViewHandler extends ViewHandlerWrapper {

    public UserLocaleViewHandler(ViewHandler wrapped) {
        super(wrapped);
    }

    @Override
    public Locale calculateLocale(FacesContext context) {
        try {
            return CDI.current().select(LocaleBacking.class).get().getLocale();
        } catch (RuntimeException e) {
            return super.calculateLocale(context); // no session context (e.g. an error page while starting)
        }
    }
}
