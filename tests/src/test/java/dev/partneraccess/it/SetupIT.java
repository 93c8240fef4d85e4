package dev.partneraccess.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.keycloak.representations.idm.AdminEventRepresentation;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.ClientScopeRepresentation;
import org.keycloak.representations.idm.GroupRepresentation;
import org.keycloak.representations.idm.RealmEventsConfigRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.realm.ManagedRealm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One call wires a realm that has nothing but users, roles and clients; with nothing else, the policy then holds at
 * the direct grant, in tokens and against Keycloak's own admin API. A realm whose wiring drifts shows it in
 * {@code GET /setup}, the report and the {@code partner_access_wiring_ok} gauge.
 */
@KeycloakIntegrationTest(config = PartnerAccessServerConfig.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SetupIT extends PartnerAccessTestBase {

    private static final List<String> CHECKS = List.of("organizations", "browser-flow", "direct-grant-flow", "broker-flows",
            "required-actions", "claims-mapper", "event-listener", "admin-events", "user-profile", "console-client");

    @InjectRealm(config = UnwiredRealm.class)
    ManagedRealm realm;

    @InjectRealm(ref = "hand-wired", config = HandWiredRealm.class)
    ManagedRealm handWired;

    @Override
    ManagedRealm realm() {
        return realm;
    }

    private JsonNode setup() {
        Api.Reply reply = ops().get("/setup");
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.json();
    }

    private JsonNode applySetup() {
        Api.Reply reply = ops().post("/setup", null);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.json();
    }

    private static List<String> failing(JsonNode checks) {
        List<String> names = new ArrayList<>();
        checks.forEach(c -> {
            if (!c.get("ok").asBoolean()) {
                names.add(c.get("name").asText());
            }
        });
        return names;
    }

    private static JsonNode check(JsonNode checks, String name) {
        for (JsonNode c : checks) {
            if (c.get("name").asText().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no check " + name + " in " + checks);
    }

    @Test
    @Order(1)
    void aRealmWithOnlyUsersAndRolesIsNotWiredAndEachFailingCheckSaysWhatToDo() {
        JsonNode state = setup();
        assertThat(state.get("wired").asBoolean()).isFalse();
        assertThat(state.get("checks")).extracting(c -> c.get("name").asText()).containsExactlyElementsOf(CHECKS);
        assertThat(failing(state.get("checks"))).containsExactly("organizations", "browser-flow", "direct-grant-flow",
                "required-actions", "claims-mapper", "event-listener", "admin-events", "user-profile", "console-client");
        assertThat(check(state.get("checks"), "browser-flow").get("detail").asText()).contains("'browser'")
                .contains("has no partner-access-gate").contains("POST /setup");
        assertThat(check(state.get("checks"), "claims-mapper").get("detail").asText()).contains(PartnersRealm.PORTAL);
        assertThat(check(state.get("checks"), "broker-flows").get("detail").asText()).contains("Organizations are off");
        state.get("checks").forEach(c -> assertThat(c.get("detail").asText()).isNotBlank());

        JsonNode wiring = ops().get("/report").json().get("wiring");
        assertThat(wiring.get("ok").asBoolean()).isFalse();
        assertThat(wiring.get("failing")).extracting(JsonNode::asText).contains("browser-flow", "event-listener");
    }

    @Test
    @Order(2)
    void readingNeedsViewRealmWiringNeedsManageRealmAndSetupTakesNoInput() {
        assertThat(as("viewer").get("/setup").status()).isEqualTo(403);
        assertThat(as("plain-user").get("/setup").status()).isEqualTo(403);
        assertThat(as("realm-viewer").get("/setup").status()).isEqualTo(200);
        Api.Reply refused = as("realm-viewer").post("/setup", null);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.text("message")).contains("manage-realm");
        assertThat(as("plain-user").post("/setup", null).status()).isEqualTo(403);

        ObjectNode option = Api.object();
        option.put("force", true);
        Api.Reply unknown = ops().post("/setup", option);
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.text("field")).isEqualTo("force");
        assertThat(ops().post("/setup", "wire it").status()).isEqualTo(400);
        assertThat(setup().get("wired").asBoolean()).as("refused calls changed nothing").isFalse();
    }

    @Test
    @Order(3)
    void oneCallWiresTheRealmAndASecondChangesNothing() {
        JsonNode first = applySetup();
        assertThat(first.get("changes").size()).isGreaterThan(5);
        assertThat(first.get("changes")).extracting(JsonNode::asText)
                .anyMatch(c -> c.contains("Bound 'partner browser' as the realm's browser flow"))
                .anyMatch(c -> c.contains("Created the client 'partner-access-console'"));
        assertThat(failing(first.get("checks"))).isEmpty();

        JsonNode second = ops().post("/setup", "{}").json();
        assertThat(second.get("changes")).isEmpty();
        assertThat(failing(second.get("checks"))).isEmpty();
        assertThat(setup().get("wired").asBoolean()).isTrue();

        List<JsonNode> applied = evidence("type=SETUP_APPLIED");
        assertThat(applied).hasSize(1);
        assertThat(applied.get(0).get("subject").asText()).isEqualTo(realm.admin().toRepresentation().getId());
        assertThat(applied.get(0).at("/details/changes").size()).isEqualTo(first.get("changes").size());
        assertThat(applied.get(0).at("/details/actorUsername").asText()).isEqualTo("ops-admin");

        RealmRepresentation wired = realm.admin().toRepresentation();
        assertThat(wired.isOrganizationsEnabled()).isTrue();
        assertThat(wired.getBrowserFlow()).isEqualTo("partner browser");
        assertThat(wired.getDirectGrantFlow()).isEqualTo("partner direct grant");
        assertThat(realm.admin().getRealmEventsConfig().getEventsListeners()).contains("jboss-logging", "partner-access-evidence");
        ClientScopeRepresentation scope = realm.admin().getDefaultDefaultClientScopes().stream()
                .filter(s -> s.getName().equals("partner-access")).findFirst().orElseThrow();
        Map<String, String> options = realm.admin().clientScopes().get(scope.getId()).getProtocolMappers().getMappers().get(0).getConfig();
        assertThat(options).containsEntry("access.token.claim", "true").containsEntry("id.token.claim", "true")
                .containsEntry("userinfo.token.claim", "true").containsEntry("lightweight.claim", "false")
                .containsEntry("cap.token.lifetime", "true");
        assertThat(realm.admin().clients().findByClientId("partner-access-console").get(0).getRedirectUris())
                .containsExactly("/realms/" + realm.getName() + "/partner-access/console/*");
    }

    @Test
    @Order(4)
    void withNothingElseWiredThePolicyHoldsAtTheDirectGrantInTokensAndAgainstKeycloaksOwnAdminApi() throws Exception {
        ObjectNode policy = examplePolicy();
        // Gold partners need no required action here, so their users get a token by direct grant.
        policy.withArray("tiers").forEach(t -> {
            if (t.get("name").asText().equals("gold")) {
                ((ObjectNode) t).putArray("requiredActions");
            }
        });
        assertThat(ops().put("/policy", policy).status()).isEqualTo(200);
        String suspended = member("Setup Suspended", "setup-suspended.example", "sam.summit");
        assertThat(ops().post("/partners/" + suspended + "/suspend", reason("Contract under review.")).status()).isEqualTo(200);
        String active = member("Setup Active", "setup-active.example", "sue.summit");

        Api.Reply denied = directGrant("sam.summit");
        assertThat(denied.status()).as(denied.toString()).isEqualTo(400);
        assertThat(denied.text("error")).isEqualTo("access_denied");
        assertThat(evidence("type=LOGIN_DENIED&subject=" + userId("sam.summit"))).hasSize(1);

        Api.Reply token = directGrant("sue.summit");
        assertThat(token.status()).as(token.toString()).isEqualTo(200);
        JsonNode claims = claims(token.text("access_token"));
        assertThat(claims.at("/partner/id").asText()).isEqualTo(active);
        assertThat(claims.at("/partner/tier").asText()).isEqualTo("gold");

        // A governed role mapped to a group behind the product's back, through Keycloak's own admin API, is taken back.
        GroupRepresentation team = new GroupRepresentation();
        team.setName("setup-team");
        realm.admin().groups().add(team).close();
        String group = realm.admin().groups().groups("setup-team", 0, 1).get(0).getId();
        RoleRepresentation dealRegistration = realm.admin().roles().get("deal-registration").toRepresentation();
        realm.admin().groups().group(group).roles().realmLevel().add(List.of(dealRegistration));
        assertThat(realm.admin().groups().group(group).roles().realmLevel().listAll())
                .extracting(RoleRepresentation::getName).doesNotContain("deal-registration");
        assertThat(evidence("type=OUT_OF_BAND_GRANT_REVERTED&subject=" + group)).hasSize(1);

        // Keycloak stores its own admin events too, with their representations.
        List<AdminEventRepresentation> events = realm.admin().getAdminEvents();
        assertThat(events).anySatisfy(e -> {
            assertThat(e.getResourcePath()).isEqualTo("groups/" + group + "/role-mappings/realm");
            assertThat(e.getRepresentation()).contains("deal-registration");
        });
        assertThat(events).anySatisfy(e -> assertThat(e.getResourcePath()).isEqualTo("partner-access/partners/" + suspended + "/suspend"));
    }

    @Test
    @Order(5)
    void aBrowserFlowReboundToKeycloaksStockFlowShowsInSetupTheReportAndTheGauge() throws Exception {
        RealmRepresentation rep = realm.admin().toRepresentation();
        rep.setBrowserFlow("browser");
        realm.admin().update(rep);
        assertDrifted("browser-flow", "'browser' has no partner-access-gate");

        JsonNode fixed = applySetup();
        assertThat(fixed.get("changes")).extracting(JsonNode::asText).anyMatch(c -> c.contains("browser flow"));
        assertThat(failing(fixed.get("checks"))).isEmpty();
        assertThat(realm.admin().getAdminEvents()).anySatisfy(e -> assertThat(e.getResourcePath()).isEqualTo("partner-access/setup"));
        assertRepaired();
    }

    @Test
    @Order(6)
    void aDisabledListenerShowsInSetupTheReportAndTheGauge() throws Exception {
        RealmEventsConfigRepresentation events = realm.admin().getRealmEventsConfig();
        events.setEventsListeners(List.of("jboss-logging"));
        realm.admin().updateRealmEventsConfig(events);
        assertDrifted("event-listener", "not among the realm's event listeners (jboss-logging)");

        applySetup();
        assertThat(realm.admin().getRealmEventsConfig().getEventsListeners()).containsExactlyInAnyOrder("jboss-logging", "partner-access-evidence");
        assertRepaired();
    }

    @Test
    @Order(7)
    void aClaimsScopeNoLongerDefaultForNewClientsShowsInSetupTheReportAndTheGauge() throws Exception {
        String scope = realm.admin().getDefaultDefaultClientScopes().stream().filter(s -> s.getName().equals("partner-access"))
                .findFirst().orElseThrow().getId();
        realm.admin().removeDefaultDefaultClientScope(scope);
        assertDrifted("claims-mapper", "clients created from now on get no partner claims");
        applySetup();
        assertRepaired();
    }

    @Test
    @Order(8)
    void aClientThatOverridesTheBrowserFlowWithoutTheGateIsFoundAndGetsAGatedCopy() throws Exception {
        ClientRepresentation brand = realm.admin().clients().findByClientId("brand-portal").get(0);
        String stock = realm.admin().flows().getFlows().stream().filter(f -> f.getAlias().equals("browser")).findFirst()
                .orElseThrow().getId();
        brand.setAuthenticationFlowBindingOverrides(Map.of("browser", stock));
        realm.admin().clients().get(brand.getId()).update(brand);
        assertDrifted("browser-flow", "Client 'brand-portal' overrides the browser flow with 'browser': 'browser' has no");

        JsonNode fixed = applySetup();
        assertThat(fixed.get("changes")).extracting(JsonNode::asText)
                .anyMatch(c -> c.startsWith("Client 'brand-portal' now overrides the browser flow with 'partner browser"));
        String override = realm.admin().clients().get(brand.getId()).toRepresentation().getAuthenticationFlowBindingOverrides().get("browser");
        assertThat(realm.admin().flows().getFlow(override).getAlias()).startsWith("partner browser");
        assertThat(realm.admin().toRepresentation().getBrowserFlow()).as("the realm's own binding is left alone")
                .isEqualTo("partner browser 2");
        assertRepaired();
    }

    @Test
    @Order(9)
    void aRealmWiredByHandKeepsItsFlowsAndGetsOnlyWhatItLacks() {
        Api handOps = new Api(urls.getBase(), handWired.getName(), () -> Tokens.password(urls.getBase(), handWired.getName(), "ops-admin"));
        JsonNode before = handOps.get("/setup").json();
        assertThat(failing(before.get("checks"))).containsExactly("required-actions", "claims-mapper", "user-profile", "console-client");
        JsonNode claims = check(before.get("checks"), "claims-mapper");
        assertThat(claims.get("detail").asText()).contains("clients created from now on");

        JsonNode applied = handOps.post("/setup", null).json();
        assertThat(failing(applied.get("checks"))).isEmpty();
        assertThat(applied.get("changes")).extracting(JsonNode::asText).noneMatch(c -> c.contains("flow"));
        RealmRepresentation after = handWired.admin().toRepresentation();
        assertThat(after.getBrowserFlow()).isEqualTo(PartnerWiring.BROWSER);
        assertThat(after.getDirectGrantFlow()).isEqualTo(PartnerWiring.DIRECT_GRANT);
        assertThat(handWired.admin().flows().getFlows()).extracting(f -> f.getAlias()).doesNotContain("partner browser 2");
    }

    private void assertDrifted(String check, String detail) throws Exception {
        JsonNode state = setup();
        assertThat(state.get("wired").asBoolean()).isFalse();
        assertThat(failing(state.get("checks"))).containsExactly(check);
        assertThat(check(state.get("checks"), check).get("detail").asText()).contains(detail);
        JsonNode wiring = ops().get("/report").json().get("wiring");
        assertThat(wiring.get("ok").asBoolean()).isFalse();
        assertThat(wiring.get("failing")).extracting(JsonNode::asText).containsExactly(check);
        assertThat(gauge("partner_access_wiring_ok")).isEqualTo(0);
    }

    private void assertRepaired() throws Exception {
        assertThat(setup().get("wired").asBoolean()).isTrue();
        JsonNode wiring = ops().get("/report").json().get("wiring");
        assertThat(wiring.get("ok").asBoolean()).isTrue();
        assertThat(wiring.get("failing")).isEmpty();
        assertThat(gauge("partner_access_wiring_ok")).isEqualTo(1);
    }

    private String member(String name, String domain, String username) {
        String partner = createPartner(name, domain, "gold", "EMEA").get("id").asText();
        ObjectNode member = Api.object();
        member.put("username", username);
        Api.Reply added = ops().post("/partners/" + partner + "/members", member);
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        return partner;
    }

    private Api.Reply directGrant(String username) {
        return TokenEndpoint.post(urls.getBase(), realm.getName(), "grant_type=password&client_id=" + PartnersRealm.PORTAL
                + "&username=" + Api.q(username) + "&password=" + Api.q(PartnersRealm.PASSWORD) + "&scope=openid");
    }

    private static JsonNode claims(String accessToken) throws Exception {
        return Api.JSON.readTree(new String(Base64.getUrlDecoder().decode(accessToken.split("\\.")[1]), StandardCharsets.UTF_8));
    }

    private double gauge(String name) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(urls.getMetric())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        Matcher m = Pattern.compile("^" + name + "\\{[^}]*realm=\"" + Pattern.quote(realm.getName()) + "\"[^}]*\\} (\\S+)$",
                Pattern.MULTILINE).matcher(response.body());
        assertThat(m.find()).as(name + " in the metrics").isTrue();
        return Double.parseDouble(m.group(1));
    }
}
