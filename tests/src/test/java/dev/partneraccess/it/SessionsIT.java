package dev.partneraccess.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Every decision that ends access ends every kind of session: online and offline, refresh in a loop or not, and a
 * token issued in the same second as the decision is refused too. A tier downgrade ends the sessions on clients the
 * new tier may not use and leaves the others.
 */
@KeycloakIntegrationTest(config = PartnerAccessServerConfig.class)
class SessionsIT extends AccessTestBase {

    private static final String GOLD_PORTAL = "gold-portal";

    @BeforeEach
    void policy() {
        useAccessPolicy("revert");
    }

    /** Logs in through the client's direct grant; {@code offline} asks for an offline token. */
    private JsonNode login(String username, String client, boolean offline) {
        Api.Reply reply = TokenEndpoint.post(urls.getBase(), realm.getName(), "grant_type=password&client_id=" + client
                + "&username=" + Api.q(username) + "&password=" + Api.q(PartnersRealm.PASSWORD)
                + (offline ? "&scope=" + Api.q("openid offline_access") : ""));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.json();
    }

    private Api.Reply refresh(String client, String refreshToken) {
        return TokenEndpoint.post(urls.getBase(), realm.getName(), "grant_type=refresh_token&client_id=" + client
                + "&refresh_token=" + Api.q(refreshToken));
    }

    private String offlineToken(String username) {
        allowOffline(username);
        String token = login(username, PartnersRealm.PORTAL, true).get("refresh_token").asText();
        assertThat(payload(token).get("typ").asText()).isEqualTo("Offline");
        // Refreshing in a loop works while nothing was decided.
        for (int i = 0; i < 3; i++) {
            Api.Reply refreshed = refresh(PartnersRealm.PORTAL, token);
            assertThat(refreshed.status()).as(refreshed.toString()).isEqualTo(200);
            token = refreshed.text("refresh_token");
        }
        return token;
    }

    /** The realm's users hold no default roles here; offline tokens need Keycloak's offline_access role. */
    private void allowOffline(String username) {
        var offlineAccess = realm.admin().roles().get("offline_access").toRepresentation();
        realm.admin().users().get(userId(username)).roles().realmLevel().add(List.of(offlineAccess));
    }

    private long notBefore(String username) {
        Integer notBefore = realm.admin().users().get(userId(username)).toRepresentation().getNotBefore();
        return notBefore == null ? 0 : notBefore;
    }

    private static long second(JsonNode record) {
        return Instant.parse(record.get("time").asText()).getEpochSecond();
    }

    @Test
    void suspendingAPartnerEndsOfflineSessionsAndRefusesTokensOfTheSameSecond() {
        String partner = partnerWith("Offline Partner", "offline.example", "registered", "EMEA", "gwen.gold");
        granted("gwen.gold", 10);
        String offline = offlineToken("gwen.gold");
        String online = login("gwen.gold", PartnersRealm.PORTAL, false).get("refresh_token").asText();

        Api.Reply suspended = ops().post("/partners/" + partner + "/suspend", reason("Audit finding."));
        assertThat(suspended.status()).as(suspended.toString()).isEqualTo(200);

        for (int i = 0; i < 4; i++) {
            Api.Reply refreshed = refresh(PartnersRealm.PORTAL, offline);
            assertThat(refreshed.status()).as("offline refresh %d after the suspension: %s", i, refreshed).isEqualTo(400);
            assertThat(refreshed.body()).doesNotContain("access_token");
        }
        assertThat(refresh(PartnersRealm.PORTAL, online).status()).isEqualTo(400);
        JsonNode record = evidence("type=PARTNER_SUSPENDED&subject=" + partner).get(0);
        assertThat(record.at("/details/sessionsEnded").asInt()).as(record.toString()).isGreaterThanOrEqualTo(2);
        // Keycloak refuses tokens issued before the user's not-before, in whole seconds: it must lie past the decision's
        // second, or a token issued in that same second would still be accepted.
        assertThat(notBefore("gwen.gold")).isGreaterThan(second(record));
    }

    @Test
    void revokingAGrantAndRemovingAMemberEndTheirOfflineSessions() {
        String partner = partnerWith("Offline Members", "offline-members.example", "registered", "EMEA", "gus.gold", "sid.silver");
        String grant = granted("gus.gold", 10);
        granted("sid.silver", 10);
        String gus = offlineToken("gus.gold");
        String sid = offlineToken("sid.silver");

        assertThat(ops().post("/grants/" + grant + "/revoke", reason("No longer needed.")).status()).isEqualTo(200);
        assertThat(refresh(PartnersRealm.PORTAL, gus).status()).isEqualTo(400);
        JsonNode revoked = evidence("type=GRANT_REVOKED&subject=" + grant).get(0);
        assertThat(notBefore("gus.gold")).isGreaterThan(second(revoked));
        assertThat(refresh(PartnersRealm.PORTAL, sid).status()).as("another member's session stays").isEqualTo(200);

        assertThat(ops().delete("/partners/" + partner + "/members/" + userId("sid.silver")).status()).isEqualTo(204);
        assertThat(refresh(PartnersRealm.PORTAL, sid).status()).isEqualTo(400);
        JsonNode removed = evidence("type=MEMBER_REMOVED&subject=" + userId("sid.silver")).get(0);
        assertThat(removed.at("/details/sessionsEnded").asInt()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void aTierDowngradeEndsTheSessionsOnClientsTheNewTierMayNotUseAndKeepsTheOthers() {
        ClientRepresentation gold = new ClientRepresentation();
        gold.setClientId(GOLD_PORTAL);
        gold.setPublicClient(true);
        gold.setDirectAccessGrantsEnabled(true);
        gold.setRedirectUris(List.of("*"));
        gold.setAttributes(java.util.Map.of("partner-access.minTier", "gold"));
        realm.admin().clients().create(gold).close();

        String partner = partnerWith("Downgrade Partner", "downgrade.example", "gold", "EMEA", "ria.registered");
        allowOffline("ria.registered");
        String onGold = login("ria.registered", GOLD_PORTAL, false).get("refresh_token").asText();
        String offlineOnGold = login("ria.registered", GOLD_PORTAL, true).get("refresh_token").asText();
        String onPortal = login("ria.registered", PartnersRealm.PORTAL, false).get("refresh_token").asText();
        assertThat(refresh(GOLD_PORTAL, onGold).status()).isEqualTo(200);

        ObjectNode change = Api.object();
        change.put("tier", "silver");
        Api.Reply updated = ops().put("/partners/" + partner, change);
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);

        assertThat(refresh(GOLD_PORTAL, onGold).status()).as("the gold client's session ended").isEqualTo(400);
        assertThat(refresh(GOLD_PORTAL, offlineOnGold).status()).as("and its offline session").isEqualTo(400);
        assertThat(refresh(PartnersRealm.PORTAL, onPortal).status()).as("the portal allows silver").isEqualTo(200);
        JsonNode record = evidence("type=TIER_CHANGED&subject=" + partner).get(0);
        assertThat(record.at("/details/new").asText()).isEqualTo("silver");
        assertThat(record.at("/details/clientsNoLongerAllowed").toString()).contains(GOLD_PORTAL);
        assertThat(record.at("/details/clientSessionsEnded").asInt()).isGreaterThanOrEqualTo(2);

        // Upgrading again ends nothing.
        change.put("tier", "gold");
        assertThat(ops().put("/partners/" + partner, change).status()).isEqualTo(200);
        assertThat(refresh(PartnersRealm.PORTAL, onPortal).status()).isEqualTo(200);
        assertThat(evidence("type=TIER_CHANGED&subject=" + partner).get(1).at("/details/clientSessionsEnded").asInt()).isZero();
    }
}
