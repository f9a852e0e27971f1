package io.queuelens.web.security;

import io.queuelens.web.i18n.Messages;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * The 403 page for a single sign-on name QueueLens does not know (or has disabled). Plain HTML written
 * by the authentication mechanism, which runs before JSF; the name is escaped.
 */
final class SsoRefusal {

    private SsoRefusal() {
    }

    static void send(HttpServletResponse response, String username, Locale locale) throws IOException {
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        response.setContentType("text/html;charset=UTF-8");
        byte[] body = page(username, ResourceBundle.getBundle(Messages.BUNDLE, locale)).getBytes(StandardCharsets.UTF_8);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        response.flushBuffer();
    }

    static String page(String username, ResourceBundle bundle) {
        String title = escape(bundle.getString("sso.refused.title"));
        String text = new MessageFormat(escape(bundle.getString("sso.refused.text")), bundle.getLocale())
                .format(new Object[]{"<b>" + escape(username) + "</b>"});
        return "<!DOCTYPE html><html lang=\"" + bundle.getLocale().getLanguage() + "\"><head><meta charset=\"UTF-8\"><title>"
                + title + " · QueueLens</title></head><body><h1>" + title + "</h1><p id=\"sso-refused\">" + text + "</p></body></html>";
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
