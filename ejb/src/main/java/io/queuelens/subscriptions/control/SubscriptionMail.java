package io.queuelens.subscriptions.control;

import io.queuelens.exports.entity.Headline;
import io.queuelens.exports.entity.ReportName;
import io.queuelens.mail.entity.MailAttachment;
import io.queuelens.mail.entity.MailMessage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The mail of a run, from the template {@code mail.html} and the bundle {@code mail} (en, tr, ru, pt,
 * uz) in the owner's language: the headline figures in the body, and either the files attached or
 * signed links to them. Every value is HTML-escaped. Pure.
 */
public final class SubscriptionMail {

    static final String BUNDLE = "io.queuelens.subscriptions.mail";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([a-zA-Z]+)}");
    private static final String TEMPLATE = template();

    /** A rendered file: its name, content type and, in link mode, the signed URL. */
    public record File(String name, String contentType, java.nio.file.Path path, String link) {
    }

    private SubscriptionMail() {
    }

    /**
     * @param linkExpiry null when the files are attached; else the links' expiry
     * @param maxMb      the attachment limit in MB as text (named in link mode)
     */
    public static MailMessage compose(ReportName report, Headline headline, String owner, long subscriptionId,
                                      List<String> recipients, Locale locale, ZoneId zone, List<File> files,
                                      Instant linkExpiry, String maxMb) {
        ResourceBundle b = ResourceBundle.getBundle(BUNDLE, locale, ResourceBundle.Control.getNoFallbackControl(
                ResourceBundle.Control.FORMAT_PROPERTIES));
        String title = text(b, locale, "report." + report.apiName());
        StringBuilder figures = new StringBuilder();
        StringBuilder plain = new StringBuilder(title).append('\n').append(text(b, locale, "period", headline.period())).append("\n\n");
        for (Headline.Figure f : headline.figures()) {
            String label = b.containsKey("figure." + f.key()) ? text(b, locale, "figure." + f.key()) : f.label();
            figures.append("<tr><th style=\"text-align: left; padding: 2px 12px 2px 0;\">").append(escape(label))
                    .append("</th><td style=\"text-align: right;\" data-key=\"").append(escape(f.key())).append("\">")
                    .append(escape(f.text())).append("</td></tr>\n");
            plain.append(label).append(": ").append(f.text()).append('\n');
        }
        StringBuilder fileHtml = new StringBuilder();
        String names = String.join(", ", files.stream().map(File::name).toList());
        if (linkExpiry == null) {
            fileHtml.append("<p>").append(escape(text(b, locale, "attached", names))).append("</p>");
            plain.append('\n').append(text(b, locale, "attached", names)).append('\n');
        } else {
            String until = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", locale).format(linkExpiry.atZone(zone))
                    + " (" + zone.getId() + ")";
            String intro = text(b, locale, "links", maxMb, until);
            fileHtml.append("<p>").append(escape(intro)).append("</p>\n<ul>\n");
            plain.append('\n').append(intro).append('\n');
            for (File f : files) {
                fileHtml.append("<li><a href=\"").append(escape(f.link())).append("\">").append(escape(f.name())).append("</a></li>\n");
                plain.append(f.name()).append(": ").append(f.link()).append('\n');
            }
            fileHtml.append("</ul>");
        }
        String footer = text(b, locale, "footer", owner, "#" + subscriptionId);
        plain.append('\n').append(footer).append('\n');
        String html = fill(Map.of("lang", escape(locale.getLanguage()), "title", escape(title),
                "period", escape(text(b, locale, "period", headline.period())), "figuresHeading", escape(text(b, locale, "figures")),
                "figures", figures.toString(), "files", fileHtml.toString(), "footer", escape(footer)));
        MailMessage m = new MailMessage(recipients, text(b, locale, "subject", title, headline.period()), plain.toString(), html, List.of());
        if (linkExpiry == null) {
            for (File f : files) {
                m = m.withAttachment(MailAttachment.ofFile(f.name(), f.contentType(), f.path()));
            }
        }
        return m;
    }

    /** The language of the mail: the owner's if the bundle has it, else English. */
    public static Locale locale(String tag) {
        if (tag == null || tag.isBlank()) {
            return Locale.ENGLISH;
        }
        String lang = Locale.forLanguageTag(tag.replace('_', '-')).getLanguage();
        return List.of("en", "tr", "ru", "pt", "uz").contains(lang) ? Locale.forLanguageTag(lang) : Locale.ENGLISH;
    }

    static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String text(ResourceBundle b, Locale locale, String key, Object... args) {
        return new MessageFormat(b.getString(key), locale).format(args);
    }

    private static String fill(Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(TEMPLATE);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(values.getOrDefault(m.group(1), "")));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String template() {
        try (InputStream in = SubscriptionMail.class.getResourceAsStream("/io/queuelens/subscriptions/mail.html")) {
            if (in == null) {
                throw new IllegalStateException("mail.html missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
