package dev.partneraccess.it;

import org.keycloak.testframework.realm.RealmConfigBuilder;

/**
 * The partners realm for access requests: approvers for every stage (two per region for the concurrent decision),
 * people who wear two hats for the separation-of-duties rules, a self-service programme role, the claims mapper on
 * the portal client, SMTP pointing at the tests' mail server, and sessions long enough for the token-expiry cap to
 * show (an access token could otherwise live three days, longer than a one-day grant).
 */
public class AccessRealm extends PartnersRealm {

    static final int SMTP_PORT = 3125;
    static final String SELF_SERVICE_ROLE = "partner-newsletter";
    static final int THREE_DAYS = 3 * 24 * 3600;
    /** The web console's public client; its exact redirect URI names the realm, so ConsoleIT sets it once it is known. */
    static final String CONSOLE = "partner-access-console";

    @Override
    public RealmConfigBuilder configure(RealmConfigBuilder realm) {
        super.configure(realm);
        realm.roles(SELF_SERVICE_ROLE, "partner-bundle");
        realm.smtp("127.0.0.1", SMTP_PORT, "partner-access@company.example");
        realm.addClient(CONSOLE).publicClient(true).directAccessGrantsEnabled(false).rootUrl("${authBaseUrl}")
                .webOrigins("+").attribute("pkce.code.challenge.method", "S256");
        user(realm, "legal-lee").roles("partner-approver-legal");
        user(realm, "sec-sam").roles("partner-approver-security");
        user(realm, "brand-bo").roles("partner-approver-brand");
        user(realm, "emea-erin").roles("partner-approver-region-emea");
        user(realm, "emea-eve").roles("partner-approver-region-emea");
        user(realm, "amer-al").roles("partner-approver-region-amer");
        user(realm, "lena-two-hats").roles("partner-approver-legal", "partner-approver-security");
        user(realm, "ops-legal").roles("partner-approver-legal")
                .clientRoles("realm-management", "manage-users", "view-users");
        user(realm, "paul.partner").roles("partner-approver-legal");
        for (String name : new String[] {"gwen.gold", "gus.gold", "sid.silver", "ria.registered", "oscar.oob", "olga.oob", "lou.lapse"}) {
            user(realm, name);
        }
        return realm.update(r -> {
            r.setAccessTokenLifespan(THREE_DAYS);
            r.setSsoSessionIdleTimeout(THREE_DAYS);
            r.setSsoSessionMaxLifespan(THREE_DAYS);
            r.getClients().stream().filter(c -> PORTAL.equals(c.getClientId())).forEach(PartnerWiring::addClaimsMapper);
        });
    }
}
