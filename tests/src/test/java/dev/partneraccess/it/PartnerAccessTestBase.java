package dev.partneraccess.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.keycloak.admin.client.Keycloak;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectKeycloakUrls;
import org.keycloak.testframework.realm.ManagedRealm;
import org.keycloak.testframework.server.KeycloakUrls;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the integration tests share: a realm of their own per test class (created fresh on the suite's one server),
 * API clients acting as its users, and small helpers to set up partners.
 */
abstract class PartnerAccessTestBase {

    /** Each test class injects its own realm, so that it can choose how the realm is configured. */
    abstract ManagedRealm realm();

    @InjectAdminClient
    Keycloak keycloak;

    @InjectKeycloakUrls
    KeycloakUrls urls;

    private final Map<String, CachedToken> tokens = new HashMap<>();

    private record CachedToken(String token, long fetchedAt) {
    }

    /** The API as a user of the test realm (password {@value PartnersRealm#PASSWORD}). */
    Api as(String username) {
        return new Api(urls.getBase(), realm().getName(), () -> token(username));
    }

    Api ops() {
        return as("ops-admin");
    }

    Api anonymous() {
        return new Api(urls.getBase(), realm().getName(), null);
    }

    /**
     * Drops the realm users' tokens after the server's clock moved: a token issued before a jump of days is expired as
     * far as the server is concerned. (The suite's master admin client cannot follow such a jump, so tests that move
     * the clock look users up before and read role mappings as the realm's ops admin.)
     */
    void forgetTokens() {
        tokens.clear();
    }

    /** Moves the server's clock by {@code seconds} from the real time (0 puts it back). */
    void serverClock(long seconds) {
        try {
            java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(urls.getBase() + "/realms/" + realm().getName()
                            + "/partner-access-test-clock/offset")).PUT(java.net.http.HttpRequest.BodyPublishers.ofString(
                            Long.toString(seconds))).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            forgetTokens();
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @org.junit.jupiter.api.AfterEach
    void realClock() {
        serverClock(0);
    }

    private String token(String username) {
        CachedToken cached = tokens.get(username);
        if (cached == null || System.currentTimeMillis() - cached.fetchedAt() > 60_000) {
            cached = new CachedToken(Tokens.password(urls.getBase(), realm().getName(), username), System.currentTimeMillis());
            tokens.put(username, cached);
        }
        return cached.token();
    }

    private final Map<String, String> userIds = new HashMap<>();

    /** A user's id; the realm's users are read once, so later lookups need no admin call. */
    String userId(String username) {
        if (userIds.isEmpty()) {
            realm().admin().users().list(0, 1000).forEach(u -> userIds.put(u.getUsername(), u.getId()));
        }
        return userIds.computeIfAbsent(username, name -> realm().admin().users().search(name, true).get(0).getId());
    }

    static ObjectNode examplePolicy() {
        try {
            return (ObjectNode) Api.JSON.readTree(Files.readString(Path.of("..", "demo", "policy.json")));
        } catch (IOException e) {
            throw new IllegalStateException("the example policy demo/policy.json cannot be read", e);
        }
    }

    void ensurePolicy() {
        if (ops().get("/policy").status() == 404) {
            Api.Reply reply = ops().put("/policy", examplePolicy());
            assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        }
    }

    ObjectNode intake(String name, String domain, String tier, String region) {
        ObjectNode body = Api.object();
        body.put("name", name);
        body.putArray("domains").add(domain);
        body.put("tier", tier);
        body.put("region", region);
        body.put("businessOwner", userId("owner-olivia"));
        body.putArray("businessUnits").add("sales").add("marketing");
        return body;
    }

    /** Creates a partner through the API and answers its representation. */
    JsonNode createPartner(String name, String domain, String tier, String region) {
        ensurePolicy();
        Api.Reply reply = ops().post("/partners", intake(name, domain, tier, region));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return reply.json();
    }

    List<JsonNode> evidence(String query) {
        Api.Reply reply = ops().get("/evidence?max=1000" + (query.isEmpty() ? "" : "&" + query));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        List<JsonNode> records = new ArrayList<>();
        reply.json().forEach(records::add);
        return records;
    }

    long evidenceCount() {
        return ops().get("/evidence/verify").json().get("records").asLong();
    }

    static ObjectNode reason(String text) {
        ObjectNode body = Api.object();
        body.put("reason", text);
        return body;
    }
}
