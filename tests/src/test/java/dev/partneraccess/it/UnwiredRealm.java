package dev.partneraccess.it;

import org.keycloak.testframework.realm.RealmConfig;
import org.keycloak.testframework.realm.RealmConfigBuilder;

/**
 * A realm as an operator has it before installing the product: the roles and clients the example policy names and
 * the people who will run it, but nothing wired (Organizations off, Keycloak's stock flows, no listener, no admin
 * events, no claims mapper, no console client).
 */
public class UnwiredRealm implements RealmConfig {

    @Override
    public RealmConfigBuilder configure(RealmConfigBuilder realm) {
        realm.roles("partner-approver-legal", "partner-approver-brand", "partner-approver-security",
                "partner-approver-region-emea", "partner-approver-region-amer", "partner-approver-region-apac",
                "deal-registration");
        realm.addClient(PartnersRealm.PORTAL).publicClient(true).directAccessGrantsEnabled(true).redirectUris("*");
        realm.addClient("brand-portal").secret("brand-portal-secret").redirectUris("http://127.0.0.1/*");
        realm.addClient("partner-api").secret("partner-api-secret").redirectUris("http://127.0.0.1/*");
        realm.clientRoles("brand-portal", "co-marketing-assets");
        realm.clientRoles("partner-api", "pricing-api");
        PartnersRealm.user(realm, "ops-admin").clientRoles("realm-management", "manage-users", "view-users", "manage-realm",
                "view-realm", "view-events", "query-users");
        PartnersRealm.user(realm, "realm-viewer").clientRoles("realm-management", "view-realm");
        PartnersRealm.user(realm, "viewer").clientRoles("realm-management", "view-users");
        for (String name : new String[] {"plain-user", "owner-olivia", "sam.summit", "sue.summit"}) {
            PartnersRealm.user(realm, name);
        }
        return realm;
    }
}
