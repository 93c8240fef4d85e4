package dev.partneraccess.bench.login;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.partneraccess.bench.AdminClient;

/**
 * Creates the login benchmark's realm {@code bench} on one server, the same for both sides of the A/B comparison:
 * the same users (password {@code partner}), the same confidential client, the same flow shape and the users holding
 * the same role, as members of five organizations (Keycloak's Organizations on both sides). On the {@code partner-access} side it adds what a wired partner realm has: Organizations, the gate
 * at the top of the browser flow, both required actions registered and already satisfied by every user, the claims
 * mapper on the client, the evidence listener with admin events, a policy, partners with the users as members and one
 * active grant per user (through the request API, so each is a real grant).
 *
 * <pre>java -Dbench.realm=bench ... LoginBenchRealm --url http://127.0.0.1:8280 --flavour stock|partner-access --users 100</pre>
 */
public final class LoginBenchRealm {

    /** The realm's name; the smoke run puts both sides into one server under two names. */
    static final String REALM = System.getProperty("bench.realm", "bench");
    static final String CLIENT = "bench-portal";
    static final String SECRET = "bench-portal-secret";
    static final String REDIRECT = "http://127.0.0.1/bench/callback";
    static final String PASSWORD = "partner";
    private static final String AGREEMENT = "2026-11";
    private static final int PARTNERS = 5;

    private final AdminClient admin;
    private final boolean partnerAccess;
    private final int users;

    private LoginBenchRealm(AdminClient admin, boolean partnerAccess, int users) {
        this.admin = admin;
        this.partnerAccess = partnerAccess;
        this.users = users;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = Options.parse(args);
        String flavour = options.getOrDefault("flavour", "partner-access");
        if (!flavour.equals("stock") && !flavour.equals("partner-access")) {
            throw new IllegalArgumentException("--flavour is stock or partner-access, not " + flavour);
        }
        LoginBenchRealm realm = new LoginBenchRealm(new AdminClient(options.get("url")), flavour.equals("partner-access"),
                Integer.parseInt(options.getOrDefault("users", "100")));
        long start = System.nanoTime();
        realm.create();
        System.out.printf("realm %s (%s, %d users) ready in %.1f s%n", REALM, flavour, realm.users,
                (System.nanoTime() - start) / 1e9);
    }

    static String username(int i) {
        return "partner-" + i;
    }

    private void create() throws Exception {
        admin.call("POST", "/admin/realms", realm(), 201);
        String api = "/admin/realms/" + REALM;
        if (!partnerAccess) {
            organizations(api);
            return;
        }
        admin.call("POST", api + "/authentication/register-required-action",
                Map.of("providerId", "partner-agreement", "name", "Partner agreement"), 204);
        admin.call("POST", api + "/authentication/register-required-action",
                Map.of("providerId", "partner-purpose-attestation", "name", "Partner business-purpose attestation"), 204);
        admin.call("PUT", api + "/partner-access/policy", policy(), 200);
        String owner = admin.call("GET", api + "/users?exact=true&username=owner", null, 200).get(0).get("id").asText();
        List<String> partners = new ArrayList<>();
        for (int p = 0; p < PARTNERS; p++) {
            ObjectNode intake = AdminClient.JSON.createObjectNode()
                    .put("name", "Bench Partner " + p).put("tier", "registered").put("region", "EMEA").put("businessOwner", owner);
            intake.putArray("domains").add("partner" + p + ".bench.example");
            partners.add(admin.call("POST", api + "/partner-access/partners", intake, 201).get("id").asText());
        }
        for (int i = 0; i < users; i++) {
            JsonNode member = admin.call("POST", api + "/partner-access/partners/" + partners.get(i % PARTNERS) + "/members",
                    Map.of("username", username(i)), 201);
            String userId = member.get("userId").asText();
            JsonNode request = admin.call("POST", api + "/partner-access/requests", Map.of("user", userId,
                    "role", "deal-registration", "businessPurpose", "Registers partner deals for the bench", "days", 30), 201);
            if (!"APPROVED".equals(request.get("status").asText())) {
                throw new IllegalStateException("the bench's self-service programme did not grant at once: " + request);
            }
        }
    }

    /** Stock side: the same users as members of plain Keycloak organizations, so both sides pay for Organizations. */
    private void organizations(String api) throws Exception {
        List<String> organizations = new ArrayList<>();
        for (int p = 0; p < PARTNERS; p++) {
            ObjectNode organization = AdminClient.JSON.createObjectNode().put("name", "Bench Partner " + p)
                    .put("alias", "bench-partner-" + p);
            organization.putArray("domains").addObject().put("name", "partner" + p + ".bench.example");
            admin.call("POST", api + "/organizations", organization, 201);
        }
        for (JsonNode organization : admin.call("GET", api + "/organizations?max=100", null, 200)) {
            organizations.add(organization.get("id").asText());
        }
        for (int i = 0; i < users; i++) {
            String userId = admin.call("GET", api + "/users?exact=true&username=" + username(i), null, 200).get(0).get("id").asText();
            admin.call("POST", api + "/organizations/" + organizations.get(i % PARTNERS) + "/members",
                    AdminClient.JSON.writeValueAsString(userId), 201);
        }
    }

    private ObjectNode realm() {
        ObjectNode realm = AdminClient.JSON.createObjectNode()
                .put("realm", REALM).put("enabled", true).put("sslRequired", "none")
                .put("accessTokenLifespan", 300).put("ssoSessionIdleTimeout", 1800).put("ssoSessionMaxLifespan", 36000);
        realm.putObject("roles").putArray("realm").addObject().put("name", "deal-registration");
        ObjectNode client = realm.putArray("clients").addObject()
                .put("clientId", CLIENT).put("secret", SECRET).put("publicClient", false)
                .put("standardFlowEnabled", true).put("directAccessGrantsEnabled", false);
        client.putArray("redirectUris").add(REDIRECT);
        ArrayNode users = realm.putArray("users");
        long attestedAt = System.currentTimeMillis() / 1000;
        for (int i = 0; i < this.users; i++) {
            ObjectNode user = users.addObject().put("username", username(i)).put("enabled", true)
                    .put("email", username(i) + "@partner" + (i % PARTNERS) + ".bench.example").put("emailVerified", true)
                    .put("firstName", "Partner").put("lastName", "User " + i);
            user.putArray("credentials").addObject().put("type", "password").put("value", PASSWORD).put("temporary", false);
            if (partnerAccess) {
                ObjectNode attributes = user.putObject("attributes");
                attributes.putArray("partner.agreementVersion").add(AGREEMENT);
                attributes.putArray("partner.attestedAt").add(Long.toString(attestedAt));
            } else {
                user.putArray("realmRoles").add("deal-registration");
            }
        }
        users.addObject().put("username", "owner").put("enabled", true).put("email", "owner@bench.example")
                .put("firstName", "Business").put("lastName", "Owner");
        // The same flow shape on both sides; only the partner-access side has the gate at its top level.
        ArrayNode flows = realm.putArray("authenticationFlows");
        ArrayNode top = flow(flows, "bench browser", true);
        execution(top, null, "bench browser identification", "REQUIRED", 10);
        if (partnerAccess) {
            execution(top, "partner-access-gate", null, "REQUIRED", 20);
        }
        ArrayNode identification = flow(flows, "bench browser identification", false);
        execution(identification, "auth-cookie", null, "ALTERNATIVE", 10);
        execution(identification, "identity-provider-redirector", null, "ALTERNATIVE", 20);
        execution(identification, null, "bench browser forms", "ALTERNATIVE", 30);
        execution(flow(flows, "bench browser forms", false), "auth-username-password-form", null, "REQUIRED", 10);
        realm.put("browserFlow", "bench browser").put("organizationsEnabled", true);
        if (partnerAccess) {
            realm.put("adminEventsEnabled", true).put("adminEventsDetailsEnabled", true);
            realm.putArray("eventsListeners").add("jboss-logging").add("partner-access-evidence");
            ObjectNode mapper = client.putArray("protocolMappers").addObject()
                    .put("name", "partner access claims").put("protocol", "openid-connect").put("protocolMapper", "partner-access-claims");
            mapper.putObject("config").put("access.token.claim", "true").put("id.token.claim", "true")
                    .put("userinfo.token.claim", "true");
        }
        return realm;
    }

    private static ArrayNode flow(ArrayNode flows, String alias, boolean topLevel) {
        return flows.addObject().put("alias", alias).put("providerId", "basic-flow").put("topLevel", topLevel)
                .put("builtIn", false).putArray("authenticationExecutions");
    }

    private static void execution(ArrayNode executions, String authenticator, String subflow, String requirement, int priority) {
        ObjectNode execution = executions.addObject().put("requirement", requirement).put("priority", priority)
                .put("authenticatorFlow", subflow != null).put("userSetupAllowed", false);
        if (subflow != null) {
            execution.put("flowAlias", subflow);
        } else {
            execution.put("authenticator", authenticator);
        }
    }

    private static ObjectNode policy() {
        ObjectNode policy = AdminClient.JSON.createObjectNode();
        ObjectNode tier = policy.putArray("tiers").addObject().put("name", "registered").put("rank", 1).put("maxGrantDays", 30)
                .put("attestationDays", 90);
        tier.putArray("requiredActions").add("partner-agreement").add("partner-purpose-attestation");
        policy.putObject("agreement").put("version", AGREEMENT).put("url", "https://example.com/partner-agreement");
        ObjectNode programme = policy.putArray("programmes").addObject().put("role", "deal-registration")
                .put("minTier", "registered");
        programme.putArray("stages");
        policy.putArray("expiryNoticeDays");
        return policy;
    }
}
