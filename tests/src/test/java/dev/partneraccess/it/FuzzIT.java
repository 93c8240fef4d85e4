package dev.partneraccess.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.RolesRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Sends what a careless or hostile client could to every endpoint of the admin API and of the self-service resource:
 * malformed JSON, wrong JSON types, text with control, escape, bidi or no visible characters, oversized values, bodies
 * declared as forms, multipart or text, paging out of range, extreme and malformed times, odd path ids, and the ids of
 * another realm's partner, user, request, grant and service account. Reviews and their decisions, content packages
 * (nothing may be left in Authorization Services either) and delegations are fuzzed as well. Bodies are built from
 * valid ones with one field
 * spoiled, so each call reaches as deep as it can. No answer may be a 5xx, and nothing may change: both realms' ledgers
 * and lists read the same after as before.
 */
@KeycloakIntegrationTest(config = PartnerAccessServerConfig.class)
class FuzzIT extends AccessTestBase {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String LIBRARY = "fuzz-library";

    private final Fuzz fuzz = new Fuzz();
    private final Map<String, CachedToken> tokens = new HashMap<>();

    private record CachedToken(String token, long at) {
    }

    /** The ids of the fixture: one partner with a grant, a pending request and a service account, in each realm. */
    private record Fixture(String partner, String member, String otherMember, String grant, String pending,
                           String serviceAccount) {
    }

    /** Which of the further bad strings the next string field gets. */
    private int turn;
    private Fixture here;
    private Fixture there;
    /** The primary realm's open review, one of its items, and a DRAFT content package. */
    private String review;
    private String item;
    private String content;
    private String otherRealm;

    @Test
    void noInputAnswersWithA5xxOrChangesAnything() {
        otherRealm = realm().getName() + "-elsewhere";
        here = primaryFixture();
        try {
            there = otherRealmFixture();
            Map<String, String> before = snapshot();

            bodies();
            contentTypes();
            queries();
            pathIds();
            foreignIds();
            selfService();

            Map<String, String> after = snapshot();
            System.out.printf("FuzzIT: %d calls, %d failures%n", fuzz.sent(), fuzz.failures().size());
            List<String> changed = before.keySet().stream().filter(what -> !before.get(what).equals(after.get(what)))
                    .map(what -> what + " was " + before.get(what) + "\n  and is " + after.get(what)).toList();
            assertThat(fuzz.failures()).as(fuzz.failures().size() + " of " + fuzz.sent() + " calls failed:\n"
                    + String.join("\n", fuzz.failures()) + "\nchanged: " + changed).isEmpty();
            assertThat(changed).as("what the refused calls changed").isEmpty();
            assertThat(fuzz.sent()).isBetween(700, 1200);
        } finally {
            if (keycloak.realms().findAll().stream().anyMatch(r -> r.getRealm().equals(otherRealm))) {
                keycloak.realm(otherRealm).remove();
            }
        }
    }

    /**
     * Input at every limit the API allows has to fit where Keycloak and the product store it: the longest names whose
     * aliases collide, a service account of such a partner, and the longest reason on an offboarding that revokes.
     */
    @Test
    void inputAtEveryLimitFitsWhereItIsStored() {
        useAccessPolicy("revert");
        // Both names fold to the same 254 letters; the second alias gets a number, and must still fit.
        String first = createPartner("A".repeat(254) + "?", "longest-one.example", "gold", "EMEA").get("id").asText();
        String second = createPartner("A".repeat(254) + "!", "longest-two.example", "gold", "EMEA").get("id").asText();
        String firstAlias = realm().admin().organizations().get(first).toRepresentation().getAlias();
        String secondAlias = realm().admin().organizations().get(second).toRepresentation().getAlias();
        assertThat(firstAlias).isNotEqualTo(secondAlias);
        assertThat(secondAlias.length()).isLessThanOrEqualTo(255);

        for (String member : List.of("lou.lapse", "oscar.oob")) {
            Api.Reply added = ops().post("/partners/" + first + "/members", object("username", member));
            assertThat(added.status()).as(added.toString()).isEqualTo(201);
        }
        Api.Reply account = ops().post("/partners/" + first + "/service-accounts", serviceAccount("nightly-sync", userId("lou.lapse")));
        assertThat(account.status()).as(account.toString()).isEqualTo(201);
        assertThat(account.text("clientId").length()).isLessThanOrEqualTo(255);
        ObjectNode longest = requestBody(userId("oscar.oob"), AccessRealm.SELF_SERVICE_ROLE, null, 5);
        longest.put("businessPurpose", "p".repeat(1999) + "!");
        String grant = ops().post("/requests", longest).json().get("grantId").asText();

        String reason = "Contract ended.\n" + "r".repeat(1983) + "!";
        assertThat(reason).hasSize(2000);
        Api.Reply offboarded = ops().post("/partners/" + first + "/offboard", reason(reason));
        assertThat(offboarded.status()).as(offboarded.toString()).isEqualTo(200);
        JsonNode revoked = ops().get("/grants/" + grant).json();
        assertThat(revoked.get("status").asText()).isEqualTo("REVOKED");
        assertThat(revoked.get("revokedReason").asText()).hasSizeLessThanOrEqualTo(2000).startsWith("Partner '");
        assertThat(evidence("subject=" + grant + "&type=GRANT_REVOKED").get(0).at("/details/reason").asText()).endsWith(reason);
    }

    // ---- the fixture ----------------------------------------------------------------------------------------

    private Fixture primaryFixture() {
        ObjectNode policy = accessPolicy("revert");
        ObjectNode kind = policy.putObject("content").putArray("kinds").addObject();
        kind.put("name", "pricing");
        kind.putArray("stages").add("legal").add("regional");
        kind.put("maxReleaseDays", 90);
        Api.Reply saved = ops().put("/policy", policy);
        assertThat(saved.status()).as(saved.toString()).isEqualTo(200);
        if (realm.admin().clients().findByClientId(LIBRARY).isEmpty()) {
            ClientRepresentation library = new ClientRepresentation();
            library.setClientId(LIBRARY);
            library.setSecret("fuzz-library-secret");
            library.setPublicClient(false);
            library.setServiceAccountsEnabled(true);
            library.setAuthorizationServicesEnabled(true);
            realm.admin().clients().create(library).close();
        }
        String partner = partnerWith("Fuzz Co", "fuzz-co.example", "gold", "EMEA", "gwen.gold", "gus.gold");
        String grant = request("gwen.gold", AccessRealm.SELF_SERVICE_ROLE, null, 5).get("grantId").asText();
        String pending = request("gus.gold", "deal-registration", null, 5).get("id").asText();
        assertThat(ops().get("/requests/" + pending).text("status")).isEqualTo("PENDING");
        Api.Reply account = ops().post("/partners/" + partner + "/service-accounts",
                serviceAccount("fuzz-sync", userId("gwen.gold")));
        assertThat(account.status()).as(account.toString()).isEqualTo(201);
        Api.Reply started = ops().post("/reviews", reviewBody(partner));
        assertThat(started.status()).as(started.toString()).isEqualTo(201);
        review = started.text("id");
        item = ops().get("/reviews/" + review + "/items").json().get(0).get("id").asText();
        Api.Reply created = ops().post("/content", contentBody());
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        content = created.text("id");
        return new Fixture(partner, userId("gwen.gold"), userId("gus.gold"), grant, pending, account.text("id"));
    }

    /** A second realm with its own partner, users, grant, pending request and service account: ids to borrow. */
    private Fixture otherRealmFixture() {
        RealmRepresentation rep = new RealmRepresentation();
        rep.setRealm(otherRealm);
        rep.setEnabled(true);
        rep.setOrganizationsEnabled(true);
        rep.setSmtpServer(Map.of("host", "127.0.0.1", "port", Integer.toString(AccessRealm.SMTP_PORT), "from", "pa@elsewhere.example"));
        RolesRepresentation roles = new RolesRepresentation();
        roles.setRealm(List.of(role("elsewhere-self"), role("elsewhere-staged"), role("elsewhere-approver")));
        rep.setRoles(roles);
        rep.setUsers(List.of(user("otto"), user("olaf"), user("ona")));
        ClientRepresentation portal = new ClientRepresentation();
        portal.setClientId(PartnersRealm.PORTAL);
        portal.setPublicClient(true);
        portal.setDirectAccessGrantsEnabled(true);
        rep.setClients(List.of(portal));
        keycloak.realms().create(rep);
        Api admin = new Api(urls.getBase(), otherRealm, () -> keycloak.tokenManager().getAccessTokenString());
        String olaf = keycloak.realm(otherRealm).users().search("olaf", true).get(0).getId();
        String otto = keycloak.realm(otherRealm).users().search("otto", true).get(0).getId();
        String ona = keycloak.realm(otherRealm).users().search("ona", true).get(0).getId();

        ObjectNode policy = Api.object();
        policy.putArray("tiers").addObject().put("name", "gold").put("rank", 1).put("maxGrantDays", 30);
        policy.putObject("stages").putObject("legal").put("approverRole", "elsewhere-approver");
        policy.putArray("programmes").add(programme("elsewhere-self")).add(programme("elsewhere-staged"));
        ((ObjectNode) policy.get("programmes").get(1)).putArray("stages").add("legal");
        assertThat(admin.put("/policy", policy).status()).isEqualTo(200);
        ObjectNode intake = Api.object();
        intake.put("name", "Elsewhere Ltd");
        intake.putArray("domains").add("elsewhere.example");
        intake.put("tier", "gold");
        intake.put("region", "EMEA");
        intake.put("businessOwner", olaf);
        Api.Reply partner = admin.post("/partners", intake);
        assertThat(partner.status()).as(partner.toString()).isEqualTo(201);
        String id = partner.text("id");
        for (String member : List.of(otto, ona)) {
            ObjectNode body = Api.object();
            body.put("userId", member);
            assertThat(admin.post("/partners/" + id + "/members", body).status()).isEqualTo(201);
        }
        Api.Reply granted = admin.post("/requests", requestBody(otto, "elsewhere-self", null, 5));
        Api.Reply pending = admin.post("/requests", requestBody(ona, "elsewhere-staged", null, 5));
        Api.Reply account = admin.post("/partners/" + id + "/service-accounts", serviceAccount("sync", otto));
        assertThat(List.of(granted.status(), pending.status(), account.status())).as(granted + " " + pending + " " + account)
                .containsOnly(201);
        return new Fixture(id, otto, ona, granted.text("grantId"), pending.text("id"), account.text("id"));
    }

    private static RoleRepresentation role(String name) {
        RoleRepresentation role = new RoleRepresentation();
        role.setName(name);
        return role;
    }

    private static UserRepresentation user(String username) {
        UserRepresentation user = new UserRepresentation();
        user.setUsername(username);
        user.setEmail(username + "@elsewhere.example");
        user.setFirstName(username);
        user.setLastName("Elsewhere");
        user.setEmailVerified(true);
        user.setEnabled(true);
        CredentialRepresentation password = new CredentialRepresentation();
        password.setType(CredentialRepresentation.PASSWORD);
        password.setValue(PartnersRealm.PASSWORD);
        password.setTemporary(false);
        user.setCredentials(List.of(password));
        return user;
    }

    private static ObjectNode programme(String role) {
        ObjectNode programme = Api.object();
        programme.put("role", role);
        programme.putArray("stages");
        programme.put("minTier", "gold");
        return programme;
    }

    private ObjectNode reviewBody(String partner) {
        ObjectNode body = Api.object();
        body.put("name", "Fuzz review");
        body.putObject("scope").put("partner", partner);
        body.put("reviewer", userId("ops-admin"));
        body.put("days", 14);
        body.put("defaultDecision", "keep");
        return body;
    }

    private ObjectNode contentBody() {
        ObjectNode body = Api.object();
        body.put("name", "Fuzz price list");
        body.put("kind", "pricing");
        body.put("client", LIBRARY);
        body.put("uri", "https://assets.fuzz.example/prices");
        body.put("owner", userId("ops-admin"));
        body.put("minTier", "gold");
        body.putArray("regions").add("EMEA");
        body.put("days", 30);
        return body;
    }

    private static ObjectNode serviceAccount(String name, String owner) {
        ObjectNode body = Api.object();
        body.put("name", name);
        body.put("purpose", "Synchronises the partner's orders every night.");
        body.put("owner", owner);
        body.put("days", 5);
        return body;
    }

    /** What must read the same after the fuzz: both ledgers' length and every list of both realms. */
    private Map<String, String> snapshot() {
        Map<String, String> state = new LinkedHashMap<>();
        Api admin = new Api(urls.getBase(), otherRealm, () -> keycloak.tokenManager().getAccessTokenString());
        for (Map.Entry<String, Api> realm : Map.of("here", ops(), "there", admin).entrySet()) {
            Fixture f = realm.getKey().equals("here") ? here : there;
            for (String path : List.of("/evidence/verify", "/partners?max=1000", "/grants?max=1000", "/requests?max=1000",
                    "/policy", "/partners/" + f.partner() + "/members", "/partners/" + f.partner() + "/service-accounts")) {
                Api.Reply reply = realm.getValue().get(path);
                assertThat(reply.status()).as(path + " " + reply).isEqualTo(200);
                state.put(realm.getKey() + " " + path, reply.body());
            }
            if (realm.getKey().equals("here")) {
                for (String path : List.of("/reviews", "/reviews/" + review + "/items", "/content")) {
                    Api.Reply reply = ops().get(path);
                    assertThat(reply.status()).as(path + " " + reply).isEqualTo(200);
                    state.put("here " + path, reply.body());
                }
                var authorization = realm().admin().clients().get(realm().admin().clients().findByClientId(LIBRARY).get(0).getId())
                        .authorization();
                state.put("here content resources", Integer.toString(authorization.resources().resources().size()));
                state.put("here content permissions", Integer.toString(authorization.permissions().scope().findAll(null, null, null, null, null).size()));
                state.put("here delegation", Integer.toString(fuzz.send("GET", self("/me/delegation"), null, null, tokenOf("gus.gold")).status()));
            }
            state.put(realm.getKey() + " organizations",
                    Integer.toString(keycloak.realm(realm.getKey().equals("here") ? realm().getName() : otherRealm)
                            .organizations().getAll().size()));
        }
        return state;
    }

    // ---- the calls ------------------------------------------------------------------------------------------

    private String admin(String path) {
        return urls.getBase() + "/admin/realms/" + realm().getName() + "/partner-access" + path;
    }

    private String self(String path) {
        return urls.getBase() + "/realms/" + realm().getName() + "/partner-access" + path;
    }

    private Supplier<String> tokenOf(String username) {
        return () -> {
            CachedToken cached = tokens.get(username);
            if (cached == null || System.currentTimeMillis() - cached.at() > 50_000) {
                cached = new CachedToken(Tokens.password(urls.getBase(), realm().getName(), username), System.currentTimeMillis());
                tokens.put(username, cached);
            }
            return cached.token();
        };
    }

    /** A body endpoint: where it is, who calls it, a body it would accept, and the kind of each field to spoil. */
    private record BodyEndpoint(String method, String url, Supplier<String> token, ObjectNode valid,
                                Map<String, List<JsonNode>> spoilers, boolean emptyBodyAllowed) {
    }

    private List<BodyEndpoint> bodyEndpoints() {
        Supplier<String> ops = tokenOf("ops-admin");
        String p = "/partners/" + here.partner();
        List<BodyEndpoint> endpoints = new ArrayList<>();
        endpoints.add(new BodyEndpoint("POST", admin("/partners"), ops, intake("Fuzz Intake", "fuzz-intake.example", "gold", "EMEA"),
                fields("name", Fuzz.BAD_STRINGS, "domains", Fuzz.BAD_LISTS, "tier", Fuzz.BAD_STRINGS, "region", Fuzz.BAD_STRINGS,
                        "businessOwner", Fuzz.BAD_STRINGS, "businessUnits", Fuzz.BAD_LISTS, "idp", Fuzz.BAD_STRINGS,
                        "enforceIdp", Fuzz.BAD_BOOLEANS), false));
        endpoints.add(new BodyEndpoint("PUT", admin(p), ops, object("region", "AMER"),
                fields("tier", Fuzz.BAD_STRINGS, "region", Fuzz.BAD_STRINGS, "businessOwner", Fuzz.BAD_STRINGS,
                        "businessUnits", Fuzz.BAD_LISTS, "idp", Fuzz.BAD_STRINGS, "enforceIdp", Fuzz.BAD_BOOLEANS,
                        "name", Fuzz.BAD_STRINGS), false));
        endpoints.add(new BodyEndpoint("POST", admin(p + "/members"), ops, object("username", "sid.silver"),
                fields("username", Fuzz.BAD_STRINGS, "userId", Fuzz.BAD_STRINGS, "businessUnit", Fuzz.BAD_STRINGS), false));
        // The three transitions read their body the same way: one is spoiled field by field, all get malformed bodies.
        for (String action : List.of("suspend", "reactivate", "offboard")) {
            endpoints.add(new BodyEndpoint("POST", admin(p + "/" + action), ops, reason("Fuzzing must not change anything."),
                    action.equals("suspend") ? fields("reason", Fuzz.BAD_STRINGS) : Map.of(), false));
        }
        endpoints.add(new BodyEndpoint("POST", admin(p + "/service-accounts"), ops, serviceAccount("fuzz-new", here.member()),
                fields("name", Fuzz.BAD_STRINGS, "purpose", Fuzz.BAD_STRINGS, "owner", Fuzz.BAD_STRINGS, "days", Fuzz.BAD_DAYS), false));
        endpoints.add(new BodyEndpoint("PUT", admin("/policy"), ops, accessPolicy("flag"),
                fields("/tiers/0/name", Fuzz.BAD_STRINGS, "/tiers/1/maxGrantDays", Fuzz.BAD_DAYS, "/agreement/version", Fuzz.BAD_STRINGS,
                        "/agreement/url", Fuzz.BAD_STRINGS, "/stages/regional/approverRolePrefix", Fuzz.BAD_STRINGS,
                        "/programmes/0/role", Fuzz.BAD_STRINGS, "/programmes/1/minTier", Fuzz.BAD_STRINGS,
                        "/requestTimeoutDays", Fuzz.BAD_DAYS, "/outOfBand", Fuzz.BAD_STRINGS), false));
        endpoints.add(new BodyEndpoint("POST", admin("/requests"), ops,
                requestBody(here.otherMember(), AccessRealm.SELF_SERVICE_ROLE, null, 5),
                fields("user", Fuzz.BAD_STRINGS, "role", Fuzz.BAD_STRINGS, "client", Fuzz.BAD_STRINGS,
                        "businessPurpose", Fuzz.BAD_STRINGS, "days", Fuzz.BAD_DAYS), false));
        ObjectNode decision = object("stage", "regional");
        decision.put("decision", "approve");
        decision.put("justification", "Looks right.");
        endpoints.add(new BodyEndpoint("POST", admin("/requests/" + here.pending() + "/decision"), tokenOf("emea-erin"), decision,
                fields("stage", Fuzz.BAD_STRINGS, "decision", Fuzz.BAD_STRINGS, "justification", Fuzz.BAD_STRINGS), false));
        endpoints.add(new BodyEndpoint("POST", admin("/requests/" + here.pending() + "/cancel"), ops, reason("Fuzzing."),
                fields("reason", Fuzz.BAD_STRINGS), true));
        endpoints.add(new BodyEndpoint("POST", admin("/grants/" + here.grant() + "/revoke"), ops, reason("Fuzzing."),
                fields("reason", Fuzz.BAD_STRINGS), false));
        endpoints.add(new BodyEndpoint("POST", admin("/grants/" + here.grant() + "/renew"), ops, renewal(),
                fields("days", Fuzz.BAD_DAYS, "justification", Fuzz.BAD_STRINGS), false));
        endpoints.add(new BodyEndpoint("POST", admin("/service-accounts/" + here.serviceAccount() + "/disable"), ops,
                reason("Fuzzing."), fields("reason", Fuzz.BAD_STRINGS), false));
        endpoints.add(new BodyEndpoint("POST", admin("/service-accounts/" + here.serviceAccount() + "/renew"), ops, renewal(),
                fields("days", Fuzz.BAD_DAYS, "justification", Fuzz.BAD_STRINGS), false));
        ObjectNode own = requestBody(here.otherMember(), AccessRealm.SELF_SERVICE_ROLE, null, 5);
        own.remove("user");
        endpoints.add(new BodyEndpoint("POST", self("/me/requests"), tokenOf("gus.gold"), own,
                fields("user", Fuzz.BAD_STRINGS, "role", Fuzz.BAD_STRINGS, "client", Fuzz.BAD_STRINGS,
                        "businessPurpose", Fuzz.BAD_STRINGS, "days", Fuzz.BAD_DAYS), false));
        endpoints.add(new BodyEndpoint("POST", self("/me/grants/" + here.grant() + "/renew"), tokenOf("gwen.gold"), renewal(),
                fields("days", Fuzz.BAD_DAYS, "justification", Fuzz.BAD_STRINGS), false));
        endpoints.add(new BodyEndpoint("POST", admin("/reviews"), ops, reviewBody(here.partner()),
                fields("name", Fuzz.BAD_STRINGS, "/scope/partner", Fuzz.BAD_STRINGS, "/scope/tier", Fuzz.BAD_STRINGS,
                        "/scope/serviceAccounts", Fuzz.BAD_BOOLEANS, "reviewer", Fuzz.BAD_STRINGS, "days", Fuzz.BAD_DAYS,
                        "defaultDecision", Fuzz.BAD_STRINGS), false));
        ObjectNode keep = object("decision", "keep");
        keep.put("justification", "Still needed for the partner's deals.");
        endpoints.add(new BodyEndpoint("POST", admin("/reviews/" + review + "/items/" + item + "/decision"), ops, keep,
                fields("decision", Fuzz.BAD_STRINGS, "justification", Fuzz.BAD_STRINGS), false));
        endpoints.add(new BodyEndpoint("POST", admin("/content"), ops, contentBody(),
                fields("name", Fuzz.BAD_STRINGS, "kind", Fuzz.BAD_STRINGS, "client", Fuzz.BAD_STRINGS, "uri", Fuzz.BAD_STRINGS,
                        "owner", Fuzz.BAD_STRINGS, "minTier", Fuzz.BAD_STRINGS, "regions", Fuzz.BAD_LISTS, "days", Fuzz.BAD_DAYS,
                        "baseId", Fuzz.BAD_STRINGS), false));
        endpoints.add(new BodyEndpoint("POST", admin("/content/" + content + "/withdraw"), ops, reason("Fuzzing."),
                fields("reason", Fuzz.BAD_STRINGS), false));
        ObjectNode delegation = object("to", here.member());
        delegation.put("until", java.time.Instant.now().plus(java.time.Duration.ofDays(5)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
        endpoints.add(new BodyEndpoint("PUT", self("/me/delegation"), tokenOf("gus.gold"), delegation,
                fields("to", Fuzz.BAD_STRINGS, "until", Fuzz.BAD_STRINGS), false));
        return endpoints;
    }

    /** Each body endpoint with malformed bodies and with its valid body spoiled one field at a time. */
    private void bodies() {
        for (BodyEndpoint endpoint : bodyEndpoints()) {
            for (String malformed : Fuzz.MALFORMED) {
                expect4xx(fuzz.send(endpoint.method(), endpoint.url(), "application/json", malformed, endpoint.token()));
            }
            if (!endpoint.emptyBodyAllowed()) {
                expect4xx(fuzz.send(endpoint.method(), endpoint.url(), "application/json", "", endpoint.token()));
                expect4xx(fuzz.send(endpoint.method(), endpoint.url(), null, null, endpoint.token()));
            }
            expect4xx(fuzz.json(endpoint.method(), endpoint.url(), Fuzz.with(endpoint.valid(), "/colour", NODES.textNode("blue")),
                    endpoint.token()));
            endpoint.spoilers().forEach((field, values) -> {
                List<JsonNode> spoilers = new ArrayList<>(values);
                if (values == Fuzz.BAD_STRINGS) {
                    spoilers.add(Fuzz.MORE_BAD_STRINGS.get(turn++ % Fuzz.MORE_BAD_STRINGS.size()));
                }
                spoilers.forEach(value -> expect4xx(fuzz.json(endpoint.method(), endpoint.url(),
                        Fuzz.with(endpoint.valid(), field.startsWith("/") ? field : "/" + field, value), endpoint.token())));
            });
        }
    }

    /** Each body endpoint's valid body, declared as a form, multipart, text or XML: 415, and nothing applied. */
    private void contentTypes() {
        List<BodyEndpoint> endpoints = new ArrayList<>(bodyEndpoints());
        endpoints.add(new BodyEndpoint("POST", admin("/service-accounts/" + here.serviceAccount() + "/rotate"), tokenOf("ops-admin"),
                Api.object(), Map.of(), true));
        endpoints.add(new BodyEndpoint("POST", admin("/sweep"), tokenOf("ops-admin"), Api.object(), Map.of(), true));
        for (BodyEndpoint endpoint : endpoints) {
            for (String type : Fuzz.NON_JSON_TYPES) {
                Fuzz.Reply reply = fuzz.send(endpoint.method(), endpoint.url(), type, Fuzz.bodyOfType(type, endpoint.valid()),
                        endpoint.token());
                fuzz.expectBody(fuzz.expect(reply, 415), "\"error\":\"unsupported_media_type\"");
            }
        }
        // Without a token the self-service resource refuses a form as well, before anything reads it.
        fuzz.expect(fuzz.send("POST", self("/me/requests"), Fuzz.NON_JSON_TYPES.get(0),
                Fuzz.bodyOfType(Fuzz.NON_JSON_TYPES.get(0), reason("x")), null), 415);
    }

    /** Paging, filters and times of every list, the export, the inbox and the sweep. */
    private void queries() {
        Supplier<String> ops = tokenOf("ops-admin");
        List<String> lists = List.of("/partners", "/partners/" + here.partner() + "/members", "/requests", "/requests?awaiting=me",
                "/grants", "/evidence");
        for (String list : lists) {
            String join = list.contains("?") ? "&" : "?";
            Fuzz.BAD_FIRST.forEach(first -> expect4xx(fuzz.send("GET", admin(list + join + "first=" + first), null, null, ops)));
            Fuzz.BAD_MAX.forEach(max -> expect4xx(fuzz.send("GET", admin(list + join + "max=" + max), null, null, ops)));
            fuzz.send("GET", admin(list + join + "first=2147483647&max=1000"), null, null, ops);
        }
        Map<String, List<String>> filters = Map.of("/partners", List.of("tier", "region", "status"),
                "/grants", List.of("user", "partner", "role", "status"), "/requests", List.of("status", "partner", "user", "awaiting"),
                "/evidence", List.of("type", "subject", "partner"));
        filters.forEach((list, names) -> names.forEach(name -> Fuzz.ODD_FILTERS.forEach(value ->
                fuzz.send("GET", admin(list + "?" + name + "=" + value), null, null, ops))));
        Map<String, List<String>> times = Map.of("/grants", List.of("expiringBefore"), "/evidence", List.of("from", "to"),
                "/evidence/export", List.of("from", "to"));
        times.forEach((path, names) -> names.forEach(name -> Fuzz.BAD_TIMES.forEach(value -> {
            Fuzz.Reply reply = fuzz.send("GET", admin(path + "?" + name + "=" + value), null, null, ops);
            fuzz.expectBody(fuzz.expect(reply, 400), "\"field\":\"" + name + "\"");
        })));
        expect4xx(fuzz.send("GET", admin("/evidence?from=2026-11-27T00:00:00Z&to=2026-11-26T00:00:00Z"), null, null, ops));
        for (String path : List.of("/report?x=%1B", "/reconciliation?first=-1", "/evidence/verify?max=abc", "/policy?version=-1")) {
            fuzz.expect(fuzz.send("GET", admin(path), null, null, ops), 200);
        }
        for (String batches : List.of("-1", "0", "abc", "99999999999", "%1B")) {
            expect4xx(fuzz.send("POST", admin("/sweep?maxBatches=" + batches), null, null, ops));
        }
    }

    /** Every route that takes an id, with ids that name nothing, and valid bodies where the route takes one. */
    private void pathIds() {
        Supplier<String> ops = tokenOf("ops-admin");
        for (String id : Fuzz.ODD_IDS) {
            idRoutes(id, ops).forEach(call -> expect4xx(call.get()));
            expect4xx(fuzz.send("DELETE", admin("/partners/" + here.partner() + "/members/" + id), null, null, ops));
        }
    }

    /** The other realm's partner, request, grant, service account and users: 404 or 400 here, untouched there. */
    private void foreignIds() {
        Supplier<String> ops = tokenOf("ops-admin");
        // Each id where it belongs answers like a missing one; anywhere else it is no better.
        partnerRoutes(there.partner(), ops).forEach(call -> fuzz.expect(call.get(), 404));
        requestRoutes(there.pending()).forEach(call -> fuzz.expect(call.get(), 404));
        grantRoutes(there.grant()).forEach(call -> fuzz.expect(call.get(), 404));
        serviceAccountRoutes(there.serviceAccount(), ops).forEach(call -> fuzz.expect(call.get(), 404));
        idRoutes(there.member(), ops).forEach(call -> fuzz.expect(call.get(), 404));
        fuzz.expect(fuzz.send("DELETE", admin("/partners/" + there.partner() + "/members/" + there.member()), null, null, ops), 404);
        fuzz.expect(fuzz.send("DELETE", admin("/partners/" + here.partner() + "/members/" + there.member()), null, null, ops), 404);

        String p = "/partners/" + here.partner();
        assertField(fuzz.json("POST", admin(p + "/members"), object("userId", there.member()), ops), 400, "userId");
        assertField(fuzz.json("PUT", admin(p), object("businessOwner", there.member()), ops), 400, "businessOwner");
        ObjectNode intake = intake("Borrowed Owner", "borrowed.example", "gold", "EMEA");
        intake.put("businessOwner", there.member());
        assertField(fuzz.json("POST", admin("/partners"), intake, ops), 400, "businessOwner");
        assertField(fuzz.json("POST", admin(p + "/service-accounts"), serviceAccount("borrowed", there.member()), ops), 400, "owner");
        assertField(fuzz.json("POST", admin("/requests"), requestBody(there.member(), AccessRealm.SELF_SERVICE_ROLE, null, 5), ops),
                400, "user");
        for (String filter : List.of("/grants?user=", "/grants?partner=", "/requests?user=", "/requests?partner=",
                "/evidence?partner=", "/evidence?subject=")) {
            Fuzz.Reply reply = fuzz.send("GET", admin(filter + (filter.contains("partner") ? there.partner() : there.member())),
                    null, null, ops);
            fuzz.expectBody(fuzz.expect(reply, 200), "[]");
        }
        // A token of the other realm is not a token of this one.
        Supplier<String> stranger = () -> Tokens.password(urls.getBase(), otherRealm, "otto");
        fuzz.expect(fuzz.send("GET", self("/me"), null, null, stranger), 401);
        fuzz.expect(fuzz.json("POST", self("/me/requests"), requestBody(there.member(), "elsewhere-self", null, 5), stranger), 401);
        fuzz.expect(fuzz.send("GET", admin("/partners"), null, null, stranger), 401, 403);
    }

    /** The self-service resource: another user's grant, and the requests of someone else. */
    private void selfService() {
        fuzz.expect(fuzz.json("POST", self("/me/grants/" + here.grant() + "/renew"), renewal(), tokenOf("gus.gold")), 404);
        fuzz.expect(fuzz.json("POST", self("/me/requests"), requestBody(here.member(), AccessRealm.SELF_SERVICE_ROLE, null, 5),
                tokenOf("gus.gold")), 403);
        fuzz.expect(fuzz.send("GET", self("/me"), null, null, null), 401);
        fuzz.expect(fuzz.send("GET", self("/me"), null, null, () -> "not.a.token"), 401);
        fuzz.expect(fuzz.send("GET", self("/me"), null, null, tokenOf("gus.gold")), 200);
        fuzz.expect(fuzz.send("GET", self("/me/content"), null, null, null), 401);
        fuzz.expect(fuzz.send("GET", self("/me/delegation"), null, null, () -> "not.a.token"), 401);
        fuzz.expect(fuzz.send("DELETE", self("/me/delegation"), null, null, tokenOf("gus.gold")), 404);
        fuzz.expect(fuzz.send("POST", admin("/content/" + content + "/submit"), null, null, tokenOf("gus.gold")), 403);
        fuzz.expect(fuzz.send("POST", admin("/reviews/" + review + "/close"), null, null, tokenOf("gus.gold")), 403);
    }

    /** Every route with an id in its path, called with {@code id} and, where it takes one, a body it would accept. */
    private List<Supplier<Fuzz.Reply>> idRoutes(String id, Supplier<String> ops) {
        List<Supplier<Fuzz.Reply>> calls = new ArrayList<>();
        calls.addAll(partnerRoutes(id, ops));
        calls.addAll(requestRoutes(id));
        calls.addAll(grantRoutes(id));
        calls.addAll(serviceAccountRoutes(id, ops));
        return calls;
    }

    private List<Supplier<Fuzz.Reply>> partnerRoutes(String id, Supplier<String> ops) {
        List<Supplier<Fuzz.Reply>> calls = new ArrayList<>();
        String p = "/partners/" + id;
        calls.add(() -> fuzz.send("GET", admin(p), null, null, ops));
        calls.add(() -> fuzz.json("PUT", admin(p), object("region", "AMER"), ops));
        calls.add(() -> fuzz.send("GET", admin(p + "/members"), null, null, ops));
        calls.add(() -> fuzz.json("POST", admin(p + "/members"), object("username", "sid.silver"), ops));
        calls.add(() -> fuzz.send("DELETE", admin(p + "/members/" + here.member()), null, null, ops));
        for (String action : List.of("suspend", "reactivate", "offboard")) {
            calls.add(() -> fuzz.json("POST", admin(p + "/" + action), reason("Fuzzing must not change anything."), ops));
        }
        calls.add(() -> fuzz.send("GET", admin(p + "/service-accounts"), null, null, ops));
        calls.add(() -> fuzz.json("POST", admin(p + "/service-accounts"), serviceAccount("fuzz-borrowed", here.member()), ops));
        return calls;
    }

    private List<Supplier<Fuzz.Reply>> requestRoutes(String id) {
        ObjectNode decision = object("stage", "legal");
        decision.put("decision", "approve");
        // The other realm's pending request waits for its legal stage; ops-admin is no approver there or here.
        return List.of(() -> fuzz.send("GET", admin("/requests/" + id), null, null, tokenOf("ops-admin")),
                () -> fuzz.json("POST", admin("/requests/" + id + "/decision"), decision, tokenOf("legal-lee")),
                () -> fuzz.json("POST", admin("/requests/" + id + "/cancel"), reason("Fuzzing."), tokenOf("ops-admin")));
    }

    private List<Supplier<Fuzz.Reply>> grantRoutes(String id) {
        return List.of(() -> fuzz.send("GET", admin("/grants/" + id), null, null, tokenOf("ops-admin")),
                () -> fuzz.json("POST", admin("/grants/" + id + "/revoke"), reason("Fuzzing."), tokenOf("ops-admin")),
                () -> fuzz.json("POST", admin("/grants/" + id + "/renew"), renewal(), tokenOf("ops-admin")),
                () -> fuzz.json("POST", self("/me/grants/" + id + "/renew"), renewal(), tokenOf("gwen.gold")));
    }

    private List<Supplier<Fuzz.Reply>> serviceAccountRoutes(String id, Supplier<String> ops) {
        return List.of(() -> fuzz.send("POST", admin("/service-accounts/" + id + "/rotate"), null, null, ops),
                () -> fuzz.json("POST", admin("/service-accounts/" + id + "/disable"), reason("Fuzzing."), ops),
                () -> fuzz.json("POST", admin("/service-accounts/" + id + "/renew"), renewal(), ops));
    }

    // ---- bodies and checks ------------------------------------------------------------------------------------

    private static ObjectNode renewal() {
        ObjectNode body = Api.object();
        body.put("days", 5);
        body.put("justification", "Still needed for the partner's quarterly campaign.");
        return body;
    }

    private static ObjectNode object(String field, String value) {
        ObjectNode body = Api.object();
        body.put(field, value);
        return body;
    }

    private static Map<String, List<JsonNode>> fields(Object... pairs) {
        Map<String, List<JsonNode>> fields = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            @SuppressWarnings("unchecked")
            List<JsonNode> values = (List<JsonNode>) pairs[i + 1];
            fields.put((String) pairs[i], values);
        }
        return fields;
    }

    private void expect4xx(Fuzz.Reply reply) {
        fuzz.expect4xx(reply);
    }

    private void assertField(Fuzz.Reply reply, int status, String field) {
        fuzz.expectBody(fuzz.expect(reply, status), "\"field\":\"" + field + "\"");
    }
}
