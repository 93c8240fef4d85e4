package dev.partneraccess.it;

import org.keycloak.testframework.realm.RealmConfigBuilder;

/**
 * The partners realm for login tests, with user events, three languages and a gold-only client. The tests wire it as
 * an operator does, with {@code POST /setup} ({@link PartnerWiring#setup}).
 */
public class WiredPartnersRealm extends PartnersRealm {

    static final String GOLD_APP = "gold-app";

    @Override
    public RealmConfigBuilder configure(RealmConfigBuilder realm) {
        super.configure(realm);
        realm.eventsEnabled(true).internationalizationEnabled(true).supportedLocales("en", "de", "fr").defaultLocale("en");
        realm.addClient(GOLD_APP).publicClient(true).directAccessGrantsEnabled(true).redirectUris("*")
                .attribute("partner-access.minTier", "gold");
        return realm;
    }
}
