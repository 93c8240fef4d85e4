package dev.partneraccess.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * docs/openapi.yaml is the API as it really answers: a scripted walk through every operation it describes, on the
 * suite's server, with every answer checked against the description (status listed, body valid for its schema). The
 * server serves the same bytes.
 */
@KeycloakIntegrationTest(config = PartnerAccessServerConfig.class)
class OpenApiIT extends AccessTestBase {

    private final OpenApiContract contract = new OpenApiContract();

    private String adminPath(String path) {
        return "/admin/realms/" + realm.getName() + "/partner-access" + path;
    }

    /** An admin call as {@code username} (null: no token), checked against the description. */
    private Api.Reply admin(String username, String method, String path, Object body) {
        return admin(username, method, path, body, "application/json");
    }

    private Api.Reply admin(String username, String method, String path, Object body, String accept) {
        Api api = username == null ? anonymous() : as(username);
        return contract.check(method, adminPath(path), body == null ? null : Api.write(body), api.send(method, path, body, accept));
    }

    /** The body sent as it is, declared as {@code contentType}. */
    private Api.Reply adminTyped(String username, String method, String path, String contentType, String body) {
        return contract.check(method, adminPath(path), as(username).sendTyped(method, path, contentType, body));
    }

    /** A self-service call with {@code username}'s own token (null: no token). */
    private Api.Reply self(String username, String method, String path, Object body) {
        Api api = username == null ? anonymous() : as(username);
        String payload = body == null ? null : Api.write(body);
        return contract.check(method, "/realms/" + realm.getName() + "/partner-access" + path, payload,
                api.sendSelfTyped(method, path, payload == null ? null : "application/json", payload));
    }

    private JsonNode expect(Api.Reply reply, int status) {
        assertThat(reply.status()).as(reply + "\ncontract failures so far: " + contract.failures()).isEqualTo(status);
        return reply.body() == null || reply.body().isEmpty() || !reply.contentType().contains("json") ? null : reply.json();
    }

    private static ObjectNode renewal(int days) {
        ObjectNode body = Api.object();
        body.put("days", days);
        body.put("justification", "The partner still registers deals for the EMEA enterprise customers.");
        return body;
    }

    @Test
    void everyOperationOfTheApiDescriptionAnswersAsItSays() {
        // The description itself, served byte for byte; it needs view-realm.
        Api.Reply served = admin("ops-admin", "GET", "/openapi.yaml", null, "application/yaml");
        expect(served, 200);
        assertThat(served.contentType()).startsWith("application/yaml");
        assertThat(served.body()).isEqualTo(contract.text());
        expect(admin("viewer", "GET", "/openapi.yaml", null, "application/yaml"), 403);
        expect(admin(null, "GET", "/openapi.yaml", null, "application/yaml"), 401);

        // Policy: none yet, then a version; a broken document and a caller without manage-realm are refused.
        expect(admin("ops-admin", "GET", "/policy", null), 404);
        expect(admin("ops-admin", "PUT", "/policy", accessPolicy("revert")), 200);
        ObjectNode broken = accessPolicy("revert");
        broken.putArray("tiers");
        expect(admin("ops-admin", "PUT", "/policy", broken), 400);
        expect(admin("viewer", "PUT", "/policy", accessPolicy("revert")), 403);
        expect(admin("viewer", "GET", "/policy", null), 200);

        // Partners: intake, a duplicate, a body that is not JSON, no token; reads and a partial update.
        String partner = expect(admin("ops-admin", "POST", "/partners", intake("Contract Gold", "contract-gold.example", "gold", "EMEA")), 201)
                .get("id").asText();
        expect(admin("ops-admin", "POST", "/partners", intake("Contract Gold", "contract-gold.example", "gold", "EMEA")), 409);
        expect(adminTyped("ops-admin", "POST", "/partners", "text/plain", "Contract Gold"), 415);
        expect(admin(null, "POST", "/partners", intake("Nobody", "nobody.example", "gold", "EMEA")), 401);
        expect(admin("viewer", "GET", "/partners", null), 200);
        expect(admin("viewer", "GET", "/partners?tier=gold&max=0", null), 400);
        expect(admin("viewer", "GET", "/partners/" + partner, null), 200);
        expect(admin("viewer", "GET", "/partners/no-such-partner", null), 404);
        ObjectNode change = Api.object();
        change.putArray("businessUnits").add("sales");
        expect(admin("ops-admin", "PUT", "/partners/" + partner, change), 200);

        // Members.
        for (String username : new String[] {"gwen.gold", "gus.gold"}) {
            ObjectNode member = Api.object();
            member.put("username", username);
            member.put("businessUnit", "sales");
            expect(admin("ops-admin", "POST", "/partners/" + partner + "/members", member), 201);
        }
        expect(admin("viewer", "GET", "/partners/" + partner + "/members", null), 200);

        // A request through one stage, one through three, one cancelled; the inbox and the reads.
        String deal = expect(admin("ops-admin", "POST", "/requests", requestBody(userId("gwen.gold"), "deal-registration", null, 20)), 201)
                .get("id").asText();
        expect(admin("emea-erin", "GET", "/requests?awaiting=me", null), 200);
        expect(admin("viewer", "GET", "/requests?awaiting=someone", null), 400);
        expect(admin("emea-erin", "GET", "/requests/" + deal, null), 200);
        expect(admin("plain-user", "GET", "/requests/" + deal, null), 403);
        String dealGrant = expect(admin("emea-erin", "POST", "/requests/" + deal + "/decision", decision("regional", "approve")), 200)
                .get("grantId").asText();
        expect(admin("emea-erin", "POST", "/requests/" + deal + "/decision", decision("regional", "approve")), 409);

        String pricing = expect(admin("ops-admin", "POST", "/requests", requestBody(userId("gus.gold"), "pricing-api", "partner-api", 10)), 201)
                .get("id").asText();
        expect(admin("gus.gold", "POST", "/requests/" + pricing + "/decision", decision("legal", "approve")), 403);
        expect(admin("legal-lee", "POST", "/requests/" + pricing + "/decision", decision("legal", "approve")), 200);
        expect(admin("sec-sam", "POST", "/requests/" + pricing + "/decision", decision("security", "approve")), 200);
        String pricingGrant = expect(admin("emea-erin", "POST", "/requests/" + pricing + "/decision", decision("regional", "approve")), 200)
                .get("grantId").asText();
        expect(admin("viewer", "GET", "/requests/no-such-request", null), 404);

        String marketing = expect(admin("ops-admin", "POST", "/requests",
                requestBody(userId("gwen.gold"), "co-marketing-assets", "brand-portal", 10)), 201).get("id").asText();
        expect(admin("ops-admin", "POST", "/requests/" + marketing + "/cancel", reason("No longer needed.")), 200);
        expect(admin("ops-admin", "POST", "/requests/" + marketing + "/cancel", null), 409);
        expect(admin("viewer", "GET", "/requests?status=APPROVED&partner=" + partner, null), 200);

        // Grants: reads, a renewal decided by the business owner, a revocation.
        expect(admin("viewer", "GET", "/grants?partner=" + partner + "&status=ACTIVE", null), 200);
        expect(admin("viewer", "GET", "/grants?expiringBefore=tomorrow", null), 400);
        expect(admin("viewer", "GET", "/grants/" + dealGrant, null), 200);
        expect(admin("viewer", "GET", "/grants/no-such-grant", null), 404);
        String renewal = expect(admin("ops-admin", "POST", "/grants/" + dealGrant + "/renew", renewal(30)), 201).get("id").asText();
        expect(admin("owner-olivia", "POST", "/requests/" + renewal + "/decision", decision("owner", "approve")), 200);
        expect(admin("ops-admin", "POST", "/grants/" + pricingGrant + "/revoke", reason("The pricing integration ended.")), 200);
        expect(admin("ops-admin", "POST", "/grants/" + pricingGrant + "/revoke", reason("Twice.")), 409);
        expect(admin("viewer", "POST", "/grants/" + dealGrant + "/revoke", reason("Not allowed.")), 403);

        // An access review of the partner's grants, decided by its business owner, then closed (keeping them).
        ObjectNode reviewBody = Api.object();
        reviewBody.put("name", "Contract Gold quarterly review");
        reviewBody.putObject("scope").put("partner", partner);
        reviewBody.put("reviewer", "owner");
        reviewBody.put("days", 14);
        reviewBody.put("defaultDecision", "keep");
        String review = expect(admin("ops-admin", "POST", "/reviews", reviewBody), 201).get("id").asText();
        ObjectNode badReview = reviewBody.deepCopy();
        ((ObjectNode) badReview.get("scope")).put("colour", "gold");
        expect(admin("ops-admin", "POST", "/reviews", badReview), 400);
        expect(admin("viewer", "POST", "/reviews", reviewBody), 403);
        expect(admin("viewer", "GET", "/reviews?status=OPEN", null), 200);
        expect(admin("viewer", "GET", "/reviews?status=SOMETIMES", null), 400);
        expect(admin("viewer", "GET", "/reviews/" + review, null), 200);
        expect(admin("viewer", "GET", "/reviews/no-such-review", null), 404);
        String item = expect(admin("owner-olivia", "GET", "/reviews/" + review + "/items?awaiting=me", null), 200)
                .get(0).get("id").asText();
        expect(admin("viewer", "GET", "/reviews/" + review + "/items?decision=undecided", null), 200);
        ObjectNode keep = Api.object();
        keep.put("decision", "keep");
        keep.put("justification", "Still registers deals every week.");
        expect(admin("owner-olivia", "POST", "/reviews/" + review + "/items/" + item + "/decision", keep), 200);
        expect(admin("owner-olivia", "POST", "/reviews/" + review + "/items/" + item + "/decision", keep), 409);
        expect(admin("viewer", "POST", "/reviews/" + review + "/close", null), 403);
        expect(admin("ops-admin", "POST", "/reviews/" + review + "/close", null), 200);
        expect(admin("ops-admin", "POST", "/reviews/" + review + "/close", null), 409);

        // A service account: created, listed, rotated, renewed, disabled.
        ObjectNode account = Api.object();
        account.put("name", "erp-sync");
        account.put("purpose", "Synchronise deal registrations from the partner's ERP every night.");
        account.put("owner", userId("gwen.gold"));
        account.put("days", 20);
        String accountId = expect(admin("ops-admin", "POST", "/partners/" + partner + "/service-accounts", account), 201).get("id").asText();
        expect(admin("ops-admin", "POST", "/partners/" + partner + "/service-accounts", account), 409);
        expect(admin("viewer", "GET", "/partners/" + partner + "/service-accounts", null), 200);
        expect(admin("ops-admin", "POST", "/service-accounts/" + accountId + "/rotate", null), 200);
        expect(admin("ops-admin", "POST", "/service-accounts/" + accountId + "/renew", renewal(10)), 201);
        expect(admin("ops-admin", "POST", "/service-accounts/" + accountId + "/disable", reason("The ERP was replaced.")), 200);
        expect(admin("ops-admin", "POST", "/service-accounts/" + accountId + "/disable", reason("Twice.")), 409);
        expect(admin("ops-admin", "POST", "/service-accounts/no-such-account/rotate", null), 404);

        // Self-service with the partner user's own token (fresh ones: the revocation above ended gus's sessions).
        forgetTokens();
        expect(self("gwen.gold", "GET", "/me", null), 200);
        expect(self(null, "GET", "/me", null), 401);
        ObjectNode mine = requestBody(null, AccessRealm.SELF_SERVICE_ROLE, null, 5);
        mine.remove("user");
        String newsletterGrant = expect(self("gwen.gold", "POST", "/me/requests", mine), 201).get("grantId").asText();
        expect(self("gwen.gold", "POST", "/me/requests", requestBody(userId("gus.gold"), "deal-registration", null, 5)), 403);
        expect(self("gwen.gold", "POST", "/me/requests", Api.object().put("role", "deal-registration")), 400);
        expect(self("gwen.gold", "POST", "/me/grants/" + newsletterGrant + "/renew", renewal(5)), 201);
        expect(self("gwen.gold", "POST", "/me/grants/" + newsletterGrant + "/renew", renewal(5)), 409);
        expect(self("gus.gold", "POST", "/me/grants/" + newsletterGrant + "/renew", renewal(5)), 404);
        expect(self("gwen.gold", "GET", "/me", null), 200);

        // An approver's delegation of their stages.
        ObjectNode delegation = Api.object();
        delegation.put("to", userId("emea-eve"));
        delegation.put("until", java.time.Instant.now().plus(java.time.Duration.ofDays(3))
                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
        expect(self("emea-erin", "GET", "/me/delegation", null), 404);
        expect(self("emea-erin", "PUT", "/me/delegation", delegation), 200);
        expect(self("emea-erin", "PUT", "/me/delegation", Api.object().put("to", userId("emea-erin"))
                .put("until", delegation.get("until").asText())), 400);
        expect(self("emea-erin", "GET", "/me/delegation", null), 200);
        expect(self("emea-erin", "DELETE", "/me/delegation", null), 204);
        expect(self("emea-erin", "DELETE", "/me/delegation", null), 404);
        expect(self(null, "GET", "/me/delegation", null), 401);
        // Content release: a package on a resource server with Authorization Services, released, viewed, withdrawn.
        ObjectNode withContent = accessPolicy("revert");
        ObjectNode contractual = withContent.putObject("content").putArray("kinds").addObject();
        contractual.put("name", "contractual");
        contractual.putArray("stages").add("legal");
        contractual.put("maxReleaseDays", 90);
        expect(admin("ops-admin", "PUT", "/policy", withContent), 200);
        org.keycloak.representations.idm.ClientRepresentation library = new org.keycloak.representations.idm.ClientRepresentation();
        library.setClientId("contract-library");
        library.setPublicClient(false);
        library.setServiceAccountsEnabled(true);
        library.setAuthorizationServicesEnabled(true);
        realm.admin().clients().create(library).close();
        ObjectNode contentBody = Api.object();
        contentBody.put("name", "Partner terms 2027");
        contentBody.put("kind", "contractual");
        contentBody.put("client", "contract-library");
        contentBody.put("uri", "https://assets.company.example/partner-terms-2027.pdf");
        contentBody.put("owner", userId("owner-olivia"));
        contentBody.put("minTier", "registered");
        contentBody.putArray("regions").add("EMEA");
        contentBody.put("days", 30);
        String content = expect(admin("ops-admin", "POST", "/content", contentBody), 201).get("id").asText();
        expect(admin("ops-admin", "POST", "/content", contentBody), 409);
        expect(admin("ops-admin", "POST", "/content", contentBody.deepCopy().put("kind", "poetry")), 400);
        expect(admin("viewer", "POST", "/content", contentBody), 403);
        expect(admin("viewer", "GET", "/content?status=DRAFT&kind=contractual&client=contract-library", null), 200);
        expect(admin("viewer", "GET", "/content?status=LOST", null), 400);
        expect(admin("viewer", "GET", "/content/" + content, null), 200);
        expect(admin("viewer", "GET", "/content/no-such-package", null), 404);
        String contentRequest = expect(admin("ops-admin", "POST", "/content/" + content + "/submit", null), 200)
                .get("requestId").asText();
        expect(admin("ops-admin", "POST", "/content/" + content + "/submit", null), 409);
        expect(admin("legal-lee", "POST", "/requests/" + contentRequest + "/decision", decision("legal", "approve")), 200);
        assertThat(expect(self("gwen.gold", "GET", "/me/content", null), 200)).hasSize(1);
        expect(self(null, "GET", "/me/content", null), 401);
        expect(admin("ops-admin", "POST", "/content/" + content + "/withdraw", Api.object()), 400);
        expect(admin("ops-admin", "POST", "/content/" + content + "/withdraw", reason("The terms were superseded.")), 200);
        expect(admin("ops-admin", "POST", "/content/" + content + "/withdraw", reason("Twice.")), 409);

        // Evidence: records, export, verification.
        expect(admin("auditor", "GET", "/evidence?partner=" + partner, null), 200);
        expect(admin("auditor", "GET", "/evidence?from=yesterday", null), 400);
        expect(admin("viewer", "GET", "/evidence", null), 403);
        expect(admin("auditor", "GET", "/evidence/export", null, "application/x-ndjson"), 200);
        expect(admin("auditor", "GET", "/evidence/verify", null), 200);

        // Governance: sweep, report, reconciliation.
        expect(admin("ops-admin", "POST", "/sweep", null), 200);
        expect(admin("ops-admin", "POST", "/sweep?maxBatches=0", null), 400);
        expect(admin("viewer", "GET", "/report", null), 200);
        expect(admin("viewer", "GET", "/reconciliation", null), 200);

        // The partner's lifecycle: suspension, reactivation, a member removed, offboarding.
        expect(admin("ops-admin", "POST", "/partners/" + partner + "/suspend", reason("Contract under review.")), 200);
        expect(admin("ops-admin", "POST", "/partners/" + partner + "/suspend", reason("Twice.")), 409);
        expect(admin("ops-admin", "POST", "/partners/" + partner + "/reactivate", reason("Review passed.")), 200);
        expect(admin("ops-admin", "DELETE", "/partners/" + partner + "/members/" + userId("gus.gold"), null), 204);
        expect(admin("ops-admin", "DELETE", "/partners/" + partner + "/members/" + userId("gus.gold"), null), 404);
        expect(admin("ops-admin", "POST", "/partners/" + partner + "/offboard", reason("The partnership ended.")), 200);

        // Wiring last: once the gate is in the flows, partner users log in only after the required actions.
        expect(admin("ops-admin", "GET", "/setup", null), 200);
        expect(admin("viewer", "GET", "/setup", null), 403);
        expect(admin("ops-admin", "POST", "/setup", Api.object().put("dryRun", true)), 400);
        expect(admin("ops-admin", "POST", "/setup", null), 200);

        assertThat(contract.failures()).as("answers that do not match docs/openapi.yaml (seen: " + contract.seen() + ")").isEmpty();
        assertThat(contract.unexercised()).as("operations of docs/openapi.yaml the walk never called").isEmpty();
    }

    private static ObjectNode decision(String stage, String decision) {
        ObjectNode body = Api.object();
        body.put("stage", stage);
        body.put("decision", decision);
        body.put("justification", "Checked against the partner agreement.");
        return body;
    }
}
