package dev.partneraccess.it;

import org.keycloak.testframework.realm.RealmConfigBuilder;

/** The partners realm with its flows and claims mappers wired by hand, as the reference steps of docs/wiring.md show. */
public class HandWiredRealm extends PartnersRealm {

    @Override
    public RealmConfigBuilder configure(RealmConfigBuilder realm) {
        super.configure(realm);
        return realm.update(PartnerWiring::wire);
    }
}
