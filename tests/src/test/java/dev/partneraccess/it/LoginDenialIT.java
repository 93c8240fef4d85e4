package dev.partneraccess.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A suspended partner's user retrying as fast as possible: every login is refused, but the ledger gets one
 * {@code LOGIN_DENIED} per user and reason per minute, and the next one says how many were not written.
 */
@KeycloakIntegrationTest(config = PartnerAccessServerConfig.class)
class LoginDenialIT extends PartnerAccessTestBase {

    private static final int STORM = 30;

    @InjectRealm(config = WiredPartnersRealm.class)
    ManagedRealm realm;

    @Override
    ManagedRealm realm() {
        return realm;
    }

    @org.junit.jupiter.api.BeforeEach
    void wire() {
        PartnerWiring.setup(ops());
    }

    private Api.Reply directGrant(String username) {
        return TokenEndpoint.post(urls.getBase(), realm.getName(), "grant_type=password&client_id=" + PartnersRealm.PORTAL
                + "&username=" + Api.q(username) + "&password=" + Api.q(PartnersRealm.PASSWORD));
    }

    @Test
    void aStormOfDeniedLoginsWritesOneRecordPerMinuteAndTheNextCountsTheRest() {
        String partner = createPartner("Storm Partner", "storm.example", "gold", "EMEA").get("id").asText();
        assertThat(ops().post("/partners/" + partner + "/members", Api.object().put("username", "sam.summit")).status())
                .isEqualTo(201);
        assertThat(ops().post("/partners/" + partner + "/suspend", reason("Audit.")).status()).isEqualTo(200);
        String sam = userId("sam.summit");

        // Start at the beginning of a server minute, so the whole storm falls into one.
        long now = System.currentTimeMillis() / 1000;
        long offset = 60 - now % 60 + 1;
        serverClock(offset);
        for (int i = 0; i < STORM; i++) {
            Api.Reply denied = directGrant("sam.summit");
            assertThat(denied.status()).as(denied.toString()).isEqualTo(400);
            assertThat(denied.text("error")).isEqualTo("access_denied");
        }
        List<JsonNode> records = evidence("type=LOGIN_DENIED&subject=" + sam);
        assertThat(records).as("one record for a minute of denials").hasSize(1);
        assertThat(records.get(0).at("/details/reason").asText()).isEqualTo("suspended");
        assertThat(records.get(0).at("/details").has("suppressed")).isFalse();

        serverClock(offset + 60);
        assertThat(directGrant("sam.summit").status()).isEqualTo(400);
        records = evidence("type=LOGIN_DENIED&subject=" + sam);
        assertThat(records).hasSize(2);
        assertThat(records.get(1).at("/details/suppressed").asInt()).isEqualTo(STORM - 1);
        assertThat(ops().get("/evidence/verify").json().get("valid").asBoolean()).isTrue();
    }
}
