package dev.partneraccess.core.access;

import java.util.List;
import java.util.Map;

import org.jboss.logging.Logger;
import org.keycloak.email.EmailException;
import org.keycloak.email.EmailSenderProvider;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * Sends the product's e-mails through Keycloak's e-mail sender and the realm's SMTP settings, after the transaction
 * that decided them commits: a rolled-back decision mails nobody, and a slow mail server holds no lock. A realm without
 * SMTP settings or a failing server is logged; it never fails the decision.
 */
public final class Mailer {

    private static final Logger LOG = Logger.getLogger(Mailer.class);

    public record Mail(String address, String subject, String text, String html) {
    }

    private Mailer() {
    }

    public static boolean configured(RealmModel realm) {
        Map<String, String> smtp = realm.getSmtpConfig();
        return smtp != null && smtp.get("host") != null && !smtp.get("host").isBlank();
    }

    public static void afterCommit(KeycloakSession session, RealmModel realm, List<Mail> mails) {
        if (mails.isEmpty() || !configured(realm)) {
            return;
        }
        Map<String, String> config = Map.copyOf(realm.getSmtpConfig());
        session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                EmailSenderProvider sender = session.getProvider(EmailSenderProvider.class);
                for (Mail mail : mails) {
                    try {
                        sender.send(config, mail.address(), mail.subject(), mail.text(), mail.html());
                    } catch (EmailException | RuntimeException e) {
                        LOG.warnf(e, "could not send partner access e-mail '%s' to %s", mail.subject(), mail.address());
                    }
                }
            }

            @Override
            protected void rollbackImpl() {
                // nothing was decided, so nobody is told
            }
        });
    }

    /** A plain-text body and an HTML table of the same facts; values are escaped, links made clickable. */
    public static Mail compose(String address, String subject, String greeting, String intro, Map<String, String> facts,
                        String footer) {
        StringBuilder text = new StringBuilder(greeting + ",\n\n" + intro + "\n\n");
        StringBuilder html = new StringBuilder("<p>" + escape(greeting) + ",</p><p>" + escape(intro) + "</p><table>");
        facts.forEach((label, value) -> {
            text.append(label).append(": ").append(value).append('\n');
            html.append("<tr><th align=\"left\">").append(escape(label)).append("</th><td>");
            if (value != null && value.startsWith("http")) {
                html.append("<a href=\"").append(escape(value)).append("\">").append(escape(value)).append("</a>");
            } else {
                html.append(escape(value));
            }
            html.append("</td></tr>");
        });
        html.append("</table>");
        if (footer != null) {
            text.append('\n').append(footer).append('\n');
            html.append("<p>").append(escape(footer)).append("</p>");
        }
        return new Mail(address, subject, text.toString(), html.toString());
    }

    static String escape(String value) {
        return value == null ? "" : value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
