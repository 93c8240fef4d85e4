package dev.partneraccess.login;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.Properties;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.theme.Theme;

import dev.partneraccess.core.support.Actor;

/** Small helpers shared by the gate and the required actions. */
final class PartnerLogin {

    /** User attributes the required actions keep. */
    static final String AGREEMENT_VERSION = "partner.agreementVersion";
    static final String ATTESTED_AT = "partner.attestedAt";

    private PartnerLogin() {
    }

    static Actor actor(UserModel user) {
        return new Actor(user.getId(), user.getUsername());
    }

    /** A message of the login theme in the user's language, formatted with its parameters. */
    static String message(KeycloakSession session, RealmModel realm, UserModel user, String key, Object... params) {
        try {
            Locale locale = session.getContext().resolveLocale(user);
            Theme theme = session.theme().getTheme(Theme.Type.LOGIN);
            Properties messages = theme.getEnhancedMessages(realm, locale);
            String pattern = messages.getProperty(key, key);
            return new MessageFormat(pattern, locale).format(params);
        } catch (Exception e) {
            return key;
        }
    }
}
