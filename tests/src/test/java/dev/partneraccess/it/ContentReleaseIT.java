package dev.partneraccess.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.resource.AuthorizationResource;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.authorization.PolicyRepresentation;
import org.keycloak.representations.idm.authorization.ResourceRepresentation;
import org.keycloak.representations.idm.authorization.ScopePermissionRepresentation;
import org.keycloak.representations.idm.authorization.ScopeRepresentation;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Content release: a package is released only after the review chain its kind requires, and then Keycloak's own
 * Authorization Services decide who may view it, through the {@code partner-access-content} policy, when an
 * application asks the token endpoint for a UMA decision. Viewing never implies editing.
 */
@KeycloakIntegrationTest(config = PartnerAccessServerConfig.class)
class ContentReleaseIT extends AccessTestBase {

    private static final String LIBRARY = "brand-library";
    private static final long DAY = 24 * 3600;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** The tests' policy with content kinds, and a resource-server client holding the partner content. */
    @BeforeEach
    void policyAndLibrary() {
        ObjectNode policy = accessPolicy("revert");
        ObjectNode content = policy.putObject("content");
        var kinds = content.putArray("kinds");
        kind(kinds.addObject(), "marketing", 180, "brand");
        kind(kinds.addObject(), "pricing", 90, "legal", "regional");
        kind(kinds.addObject(), "contractual", 90, "legal");
        kind(kinds.addObject(), "regulated", 60, "legal", "security");
        kind(kinds.addObject(), "public-assets", 30);
        Api.Reply put = ops().put("/policy", policy);
        assertThat(put.status()).as(put.toString()).isEqualTo(200);
        if (realm.admin().clients().findByClientId(LIBRARY).isEmpty()) {
            ClientRepresentation client = new ClientRepresentation();
            client.setClientId(LIBRARY);
            client.setSecret("brand-library-secret");
            client.setPublicClient(false);
            client.setServiceAccountsEnabled(true);
            client.setAuthorizationServicesEnabled(true);
            client.setRedirectUris(List.of("http://127.0.0.1/*"));
            realm.admin().clients().create(client).close();
        }
    }

    private static void kind(ObjectNode kind, String name, int maxReleaseDays, String... stages) {
        kind.put("name", name);
        var list = kind.putArray("stages");
        for (String stage : stages) {
            list.add(stage);
        }
        kind.put("maxReleaseDays", maxReleaseDays);
    }

    private static ObjectNode packageBody(String name, String kind, String minTier, int days, String... regions) {
        ObjectNode body = Api.object();
        body.put("name", name);
        body.put("kind", kind);
        body.put("client", LIBRARY);
        body.put("uri", "https://assets.company.example/" + name.toLowerCase().replaceAll("[^a-z0-9]+", "-"));
        body.put("minTier", minTier);
        var list = body.putArray("regions");
        for (String region : regions) {
            list.add(region);
        }
        body.put("days", days);
        return body;
    }

    private JsonNode create(ObjectNode body) {
        body.put("owner", userId("owner-olivia"));
        Api.Reply reply = ops().post("/content", body);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return reply.json();
    }

    private JsonNode submit(String id) {
        Api.Reply reply = ops().post("/content/" + id + "/submit", null);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.json();
    }

    private JsonNode content(String id) {
        Api.Reply reply = ops().get("/content/" + id);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.json();
    }

    private AuthorizationResource authorization() {
        return realm.admin().clients().get(realm.admin().clients().findByClientId(LIBRARY).get(0).getId()).authorization();
    }

    /** What an application asks the token endpoint: may this user do {@code scope} on the resource? */
    private Api.Reply decision(String username, String resource, String scope) {
        String token = login(username).get("access_token").asText();
        HttpRequest request = HttpRequest.newBuilder(URI.create(urls.getBase() + "/realms/" + realm.getName()
                        + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=" + Api.q("urn:ietf:params:oauth:grant-type:uma-ticket")
                        + "&audience=" + LIBRARY + "&permission=" + Api.q(resource + "#" + scope) + "&response_mode=decision"))
                .build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return new Api.Reply(response.statusCode(), response.body(), response.headers().firstValue("Content-Type").orElse(""));
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The release stamp on the package's resource, as Keycloak's Authorization admin API shows it. */
    private String stamp(String resource) {
        List<String> values = authorization().resources().resource(resource).toRepresentation().getAttributes()
                .get("partner-access.release");
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private void assertMayView(String username, String resource) {
        Api.Reply reply = decision(username, resource, "view");
        assertThat(reply.status()).as(username + ": " + reply).isEqualTo(200);
        assertThat(reply.json().get("result").asBoolean()).as(reply.toString()).isTrue();
    }

    private void assertRefusedDecision(String username, String resource, String scope) {
        Api.Reply reply = decision(username, resource, scope);
        assertThat(reply.status()).as(username + " " + scope + ": " + reply).isEqualTo(403);
        assertThat(reply.text("error")).as(reply.toString()).isEqualTo("access_denied");
    }

    private List<String> viewable(String username) {
        Api.Reply reply = as(username).sendSelfTyped("GET", "/me/content", null, null);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        reply.json().forEach(c -> names.add(c.get("name").asText() + " " + c.get("uri").asText()));
        return names;
    }

    private List<String> evidenceTypes(String subject) {
        List<String> types = new ArrayList<>();
        evidence("subject=" + subject).forEach(r -> types.add(r.get("type").asText()));
        return types;
    }

    @Test
    void aPricingPackageIsReleasedAfterLegalAndRegionalAndKeycloakDecidesWhoMayViewIt() {
        partnerWith("Content Gold EMEA", "content-gold.example", "gold", "EMEA", "gary.goldline");
        partnerWith("Content Silver EMEA", "content-silver.example", "silver", "EMEA", "sid.silver");
        partnerWith("Content Gold AMER", "content-amer.example", "gold", "AMER", "gus.gold");
        String suspended = partnerWith("Content Gold Paused", "content-paused.example", "gold", "EMEA", "gwen.gold");

        JsonNode created = create(packageBody("Price list 2027", "pricing", "gold", 30, "EMEA"));
        String id = created.get("id").asText();
        String resource = created.get("resourceId").asText();
        assertThat(created.get("status").asText()).isEqualTo("DRAFT");
        assertThat(created.get("requestId").isNull()).isTrue();
        assertThat(created.get("expiresAt").isNull()).isTrue();

        // Keycloak's own Authorization admin API shows the resource, its scopes and the permission tying it to the policy.
        ResourceRepresentation asResource = authorization().resources().resource(resource).toRepresentation();
        assertThat(asResource.getName()).isEqualTo("Price list 2027");
        assertThat(asResource.getType()).isEqualTo("partner-content");
        assertThat(asResource.getScopes()).extracting(ScopeRepresentation::getName).containsExactlyInAnyOrder("view", "edit");
        ScopePermissionRepresentation permission = authorization().permissions().scope()
                .findByName("partner-content-view-" + created.get("id").asText());
        assertThat(permission).isNotNull();
        var permissionResource = authorization().permissions().scope().findById(permission.getId());
        assertThat(permissionResource.scopes()).extracting(ScopeRepresentation::getName).containsExactly("view");
        assertThat(permissionResource.resources()).extracting(ResourceRepresentation::getId).containsExactly(resource);
        assertThat(permissionResource.associatedPolicies()).extracting(PolicyRepresentation::getType)
                .containsExactly("partner-access-content");
        assertThat(authorization().policies().policyProviders()).extracting(p -> p.getType()).contains("partner-access-content");

        // Not released yet: nobody may view it.
        assertRefusedDecision("gary.goldline", resource, "view");

        JsonNode submitted = submit(id);
        assertThat(submitted.get("status").asText()).isEqualTo("IN_REVIEW");
        String requestId = submitted.get("requestId").asText();
        JsonNode request = ops().get("/requests/" + requestId).json();
        assertThat(request.get("type").asText()).isEqualTo("CONTENT_RELEASE");
        assertThat(stages(request)).containsExactly(java.util.Map.entry("legal", "PENDING"), java.util.Map.entry("regional", "PENDING"));
        // The approvers find it in their inbox, like any other request.
        assertThat(as("emea-erin").get("/requests?awaiting=me").json().findValuesAsText("id")).contains(requestId);
        // Submitting twice is refused, and opens no second request.
        assertRefused(ops().post("/content/" + id + "/submit", null), 409, "only a DRAFT package can be submitted");
        // The regional stage is decided by the package's region's approvers only.
        assertThat(decide("amer-al", requestId, "regional", "approve", "Looks fine.").status()).isEqualTo(403);

        approve("legal-lee", requestId, "legal");
        assertThat(content(id).get("status").asText()).isEqualTo("IN_REVIEW");
        assertRefusedDecision("gary.goldline", resource, "view");
        JsonNode approved = approve("emea-erin", requestId, "regional");
        assertThat(approved.get("status").asText()).isEqualTo("APPROVED");
        JsonNode released = content(id);
        assertThat(released.get("status").asText()).isEqualTo("RELEASED");
        long expiresAt = Instant.parse(released.get("expiresAt").asText()).getEpochSecond();
        assertThat(expiresAt - Instant.parse(released.get("releasedAt").asText()).getEpochSecond()).isEqualTo(30 * DAY);

        // A gold EMEA partner's user may view it, never edit it; silver, AMER and a suspended partner's users may not.
        assertMayView("gary.goldline", resource);
        assertMayView("gary.goldline", "Price list 2027");
        assertRefusedDecision("gary.goldline", resource, "edit");
        assertRefusedDecision("sid.silver", resource, "view");
        assertRefusedDecision("gus.gold", resource, "view");
        assertMayView("gwen.gold", resource);
        Api.Reply suspend = ops().post("/partners/" + suspended + "/suspend", reason("Contract under renegotiation."));
        assertThat(suspend.status()).as(suspend.toString()).isEqualTo(200);
        serverClock(5); // tokens issued in the second the sessions were ended are refused by design
        assertRefusedDecision("gwen.gold", resource, "view");

        // Self-service lists what the caller may view, with its address.
        assertThat(viewable("gary.goldline")).containsExactly("Price list 2027 https://assets.company.example/price-list-2027");
        assertThat(viewable("sid.silver")).isEmpty();

        JsonNode report = ops().get("/report").json().get("content");
        assertThat(report.get("released").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(report.has("inReview")).isTrue();
        assertThat(report.has("expiringIn7Days")).isTrue();
        assertThat(evidenceTypes(id)).containsExactly("CONTENT_CREATED", "CONTENT_SUBMITTED", "CONTENT_RELEASED");
        assertThat(evidenceTypes(requestId)).containsExactly("REQUEST_CREATED", "STAGE_APPROVED", "STAGE_APPROVED");

        // After the release's end the sweep expires it, and Keycloak refuses the next decision.
        serverClock(31 * DAY);
        sweep();
        JsonNode expired = content(id);
        assertThat(expired.get("status").asText()).isEqualTo("EXPIRED");
        assertRefusedDecision("gary.goldline", resource, "view");
        assertThat(viewable("gary.goldline")).isEmpty();
        assertThat(evidenceTypes(id)).endsWith("CONTENT_EXPIRED");
        sweep();
        assertThat(evidenceTypes(id)).filteredOn("CONTENT_EXPIRED"::equals).hasSize(1);
        assertThat(ops().get("/evidence/verify").json().get("valid").asBoolean()).isTrue();
    }

    @Test
    void anAdaptationWaitsForItsBaseHasItsOwnRegionalStageAndIsWithdrawnWithIt() {
        partnerWith("Adapt Registered EMEA", "adapt-emea.example", "registered", "EMEA", "nora.northwind");

        String base = create(packageBody("Brand kit 2027", "marketing", "registered", 60, "EMEA", "APAC")).get("id").asText();
        JsonNode adaptationCreated = create(packageBody("Brand kit 2027 DE", "marketing", "registered", 60, "EMEA")
                .put("baseId", base));
        String adaptation = adaptationCreated.get("id").asText();
        assertThat(adaptationCreated.get("baseId").asText()).isEqualTo(base);
        int requests = ops().get("/requests?max=1000").json().size();

        // Before its base is released, an adaptation cannot be submitted, and nothing is opened.
        assertRefused(ops().post("/content/" + adaptation + "/submit", null), 409, "only after its base");
        assertThat(content(adaptation).get("status").asText()).isEqualTo("DRAFT");
        assertThat(ops().get("/requests?max=1000").json().size()).isEqualTo(requests);

        String baseRequest = submit(base).get("requestId").asText();
        approve("brand-bo", baseRequest, "brand");
        assertThat(content(base).get("status").asText()).isEqualTo("RELEASED");

        String adaptationRequest = submit(adaptation).get("requestId").asText();
        assertThat(stages(ops().get("/requests/" + adaptationRequest).json()))
                .containsExactly(java.util.Map.entry("brand", "PENDING"), java.util.Map.entry("regional", "PENDING"));
        assertThat(decide("amer-al", adaptationRequest, "regional", "approve", "Fine.").status()).isEqualTo(403);
        approve("emea-erin", adaptationRequest, "regional");
        approve("brand-bo", adaptationRequest, "brand");
        String adaptationResource = content(adaptation).get("resourceId").asText();
        String baseResource = content(base).get("resourceId").asText();
        assertThat(content(adaptation).get("status").asText()).isEqualTo("RELEASED");
        assertMayView("nora.northwind", adaptationResource);
        assertMayView("nora.northwind", baseResource);

        // Decisions are answered from what the node keeps of a package while its resource's release stamp is unchanged.
        String releasedStamp = stamp(baseResource);
        assertThat(releasedStamp).isNotBlank();

        // Withdrawing the base takes effect on the next decision, for it and its adaptation alike.
        assertRefused(ops().post("/content/" + base + "/withdraw", Api.object()), 400, "reason");
        Api.Reply withdrawn = ops().post("/content/" + base + "/withdraw", reason("The 2027 brand guidelines were recalled."));
        assertThat(withdrawn.status()).as(withdrawn.toString()).isEqualTo(200);
        assertThat(withdrawn.json().get("status").asText()).isEqualTo("WITHDRAWN");
        assertThat(content(adaptation).get("status").asText()).isEqualTo("WITHDRAWN");
        assertRefusedDecision("nora.northwind", baseResource, "view");
        assertRefusedDecision("nora.northwind", adaptationResource, "view");
        assertThat(stamp(baseResource)).isNotBlank().isNotEqualTo(releasedStamp);
        // Writing the released stamp back through Keycloak's own Authorization admin API lets nobody in again.
        ResourceRepresentation edited = authorization().resources().resource(baseResource).toRepresentation();
        edited.getAttributes().put("partner-access.release", List.of(releasedStamp));
        authorization().resources().resource(baseResource).update(edited);
        assertThat(stamp(baseResource)).isEqualTo(releasedStamp);
        assertRefusedDecision("nora.northwind", baseResource, "view");
        assertThat(evidenceTypes(base)).endsWith("CONTENT_WITHDRAWN");
        assertThat(evidenceTypes(adaptation)).endsWith("CONTENT_WITHDRAWN");
        JsonNode record = evidence("type=CONTENT_WITHDRAWN&subject=" + base).get(0);
        assertThat(record.get("details").get("reason").asText()).isEqualTo("The 2027 brand guidelines were recalled.");
        assertRefused(ops().post("/content/" + base + "/withdraw", reason("Twice.")), 409, "only a RELEASED package");

        // A self-service kind is released on submit, still time-bound and evidenced.
        String open = create(packageBody("Logo pack", "public-assets", "registered", 10, "EMEA")).get("id").asText();
        JsonNode openReleased = submit(open);
        assertThat(openReleased.get("status").asText()).isEqualTo("RELEASED");
        assertThat(ops().get("/requests/" + openReleased.get("requestId").asText()).json().get("status").asText()).isEqualTo("APPROVED");
        assertThat(evidenceTypes(open)).containsExactly("CONTENT_CREATED", "CONTENT_SUBMITTED", "CONTENT_RELEASED");

        // When a base's release ends first, the sweep expires it and withdraws its adaptation.
        String shortBase = create(packageBody("Launch deck", "public-assets", "registered", 5, "EMEA")).get("id").asText();
        submit(shortBase);
        String longAdaptation = create(packageBody("Launch deck DE", "public-assets", "registered", 30, "EMEA")
                .put("baseId", shortBase)).get("id").asText();
        String longRequest = submit(longAdaptation).get("requestId").asText();
        approve("emea-erin", longRequest, "regional");
        assertThat(content(longAdaptation).get("status").asText()).isEqualTo("RELEASED");
        serverClock(6 * DAY);
        sweep();
        assertThat(content(shortBase).get("status").asText()).isEqualTo("EXPIRED");
        JsonNode orphan = content(longAdaptation);
        assertThat(orphan.get("status").asText()).isEqualTo("WITHDRAWN");
        assertThat(orphan.get("endReason").asText()).contains("base no longer released");
        assertThat(ops().get("/evidence/verify").json().get("valid").asBoolean()).isTrue();
    }

    @Test
    void badInputIsRefusedAndLeavesNothingBehindInAuthorizationServices() {
        String base = create(packageBody("Partner terms", "contractual", "silver", 30, "EMEA")).get("id").asText();
        int resources = authorization().resources().resources().size();
        int packages = ops().get("/content?max=1000").json().size();
        long records = evidenceCount();
        String owner = userId("owner-olivia");

        assertRefused(ops().post("/content", packageBody("X", "poetry", "gold", 10, "EMEA").put("owner", owner)), 400, "poetry");
        Api.Reply unknownClient = ops().post("/content", packageBody("X", "pricing", "gold", 10, "EMEA").put("owner", owner)
                .put("client", "no-such-client"));
        assertRefused(unknownClient, 400, "no-such-client");
        assertThat(unknownClient.text("field")).isEqualTo("client");
        assertRefused(ops().post("/content", packageBody("X", "pricing", "gold", 10, "EMEA").put("owner", owner)
                .put("client", "partner-api")), 400, "has no Authorization Services");
        Api.Reply tooLong = ops().post("/content", packageBody("X", "pricing", "gold", 91, "EMEA").put("owner", owner));
        assertRefused(tooLong, 400, "at most 90");
        assertThat(tooLong.text("field")).isEqualTo("days");
        Api.Reply outside = ops().post("/content", packageBody("X", "contractual", "silver", 10, "EMEA", "AMER")
                .put("owner", owner).put("baseId", base));
        assertRefused(outside, 400, "within its base");
        assertThat(outside.text("field")).isEqualTo("regions");
        assertRefused(ops().post("/content", packageBody("X", "pricing", "platinum", 10, "EMEA").put("owner", owner)), 400, "platinum");
        assertRefused(ops().post("/content", packageBody("X", "pricing", "gold", 10).put("owner", owner)), 400, "regions");
        assertRefused(ops().post("/content", packageBody("X", "pricing", "gold", 10, "EMEA").put("owner", "nobody")), 400, "owner");
        assertRefused(ops().post("/content", packageBody("X", "pricing", "gold", 10, "EMEA").put("owner", owner)
                .put("colour", "gold")), 400, "colour");
        assertRefused(ops().post("/content", packageBody("Partner terms", "contractual", "silver", 10, "EMEA")
                .put("owner", owner)), 409, "already");
        assertRefused(as("viewer").post("/content", packageBody("X", "pricing", "gold", 10, "EMEA").put("owner", owner)), 403, "manage-users");
        assertThat(as("plain-user").get("/content").status()).isEqualTo(403);
        assertThat(as("viewer").get("/content").status()).isEqualTo(200);
        assertRefused(ops().get("/content?status=LOST"), 400, "status");
        assertThat(ops().get("/content/no-such-package").status()).isEqualTo(404);
        assertRefused(ops().post("/content/" + base + "/withdraw", reason("Not released yet.")), 409, "only a RELEASED package");

        assertThat(authorization().resources().resources()).hasSize(resources);
        assertThat(ops().get("/content?max=1000").json().size()).isEqualTo(packages);
        assertThat(evidenceCount()).isEqualTo(records);

        // A rejected review ends the package's review; it is never released.
        String requestId = submit(base).get("requestId").asText();
        assertThat(decide("legal-lee", requestId, "legal", "reject", "The terms need another legal pass.").status()).isEqualTo(200);
        assertThat(content(base).get("status").asText()).isEqualTo("REJECTED");
        assertThat(ops().get("/content?status=REJECTED&kind=contractual&client=" + LIBRARY).json().findValuesAsText("id")).contains(base);

        // A cancelled review returns the package to DRAFT, to be submitted again.
        String again = create(packageBody("Partner terms 2028", "contractual", "silver", 30, "EMEA")).get("id").asText();
        String first = submit(again).get("requestId").asText();
        Api.Reply cancelled = ops().post("/requests/" + first + "/cancel", reason("The draft needs another section."));
        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        assertThat(content(again).get("status").asText()).isEqualTo("DRAFT");
        assertThat(submit(again).get("requestId").asText()).isNotEqualTo(first);

        // The policy's content section is validated like the rest of the document.
        ObjectNode policy = accessPolicy("revert");
        kind(policy.putObject("content").putArray("kinds").addObject(), "pricing", 30, "owner");
        Api.Reply ownerStage = ops().put("/policy", policy);
        assertRefused(ownerStage, 400, "owner");
        assertThat(ownerStage.text("field")).isEqualTo("content.kinds[0].stages");
        kind((ObjectNode) policy.get("content").get("kinds").get(0), "pricing", 30, "finance");
        assertRefused(ops().put("/policy", policy), 400, "finance");
    }
}
