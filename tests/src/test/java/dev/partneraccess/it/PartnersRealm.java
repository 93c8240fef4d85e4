package dev.partneraccess.it;

import org.keycloak.testframework.realm.RealmConfig;
import org.keycloak.testframework.realm.RealmConfigBuilder;

/**
 * A realm shaped like the demo realm: Organizations on, the roles and clients the example policy names, an ops admin,
 * a read-only viewer, an evidence auditor, a user with no admin role, a business owner and partner users.
 */
public class PartnersRealm implements RealmConfig {

    public static final String PASSWORD = "partner";
    public static final String PORTAL = "partner-portal";

    @Override
    public RealmConfigBuilder configure(RealmConfigBuilder realm) {
        realm.organizationsEnabled(true)
                .adminEventsEnabled(true)
                .adminEventsDetailsEnabled(true)
                .eventsListeners("partner-access-evidence")
                .roles("partner-approver-legal", "partner-approver-brand", "partner-approver-security",
                        "partner-approver-region-emea", "partner-approver-region-amer", "partner-approver-region-apac",
                        "deal-registration");
        realm.addClient(PORTAL).publicClient(true).directAccessGrantsEnabled(true).redirectUris("*");
        realm.addClient("brand-portal").secret("brand-portal-secret").redirectUris("http://127.0.0.1/*");
        realm.addClient("partner-api").secret("partner-api-secret").redirectUris("http://127.0.0.1/*");
        realm.clientRoles("brand-portal", "co-marketing-assets");
        realm.clientRoles("partner-api", "pricing-api");
        user(realm, "ops-admin").clientRoles("realm-management", "manage-users", "view-users", "manage-realm",
                "view-realm", "view-events", "query-users");
        user(realm, "viewer").clientRoles("realm-management", "view-users");
        user(realm, "auditor").clientRoles("realm-management", "view-events");
        user(realm, "plain-user");
        user(realm, "owner-olivia");
        for (String name : new String[] {"nora.northwind", "ned.northwind", "sam.summit", "sue.summit", "gary.goldline", "gina.goldline"}) {
            user(realm, name);
        }
        return realm;
    }

    static org.keycloak.testframework.realm.UserConfigBuilder user(RealmConfigBuilder realm, String username) {
        String mailbox = username.replace('.', '-');
        return realm.addUser(username).enabled(true).password(PASSWORD).email(mailbox + "@users.example")
                .emailVerified(true).name(username, "Test");
    }
}
