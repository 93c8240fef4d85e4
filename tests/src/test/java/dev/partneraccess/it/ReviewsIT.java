package dev.partneraccess.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.GroupRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import jakarta.ws.rs.core.Response;

/**
 * Access reviews: a campaign over a partner's active grants, decided by its reviewers item by item, applied at its
 * close through the usual revocation; recommendations from the last logins the gate records.
 */
@KeycloakIntegrationTest(config = PartnerAccessServerConfig.class)
class ReviewsIT extends AccessTestBase {

    private static final long DAY = 24 * 3600;

    /** The tests' policy without required actions, and the realm wired, so direct-grant logins pass the gate. */
    @BeforeEach
    void policyAndGate() {
        ObjectNode policy = accessPolicy("revert");
        policy.get("tiers").forEach(tier -> {
            ((ObjectNode) tier).putArray("requiredActions");
            ((ObjectNode) tier).remove("attestationDays");
        });
        Api.Reply put = ops().put("/policy", policy);
        assertThat(put.status()).as(put.toString()).isEqualTo(200);
        PartnerWiring.setup(ops());
    }

    private static ObjectNode reviewBody(String name, ObjectNode scope, String reviewer, int days, String defaultDecision) {
        ObjectNode body = Api.object();
        body.put("name", name);
        body.set("scope", scope);
        body.put("reviewer", reviewer);
        body.put("days", days);
        body.put("defaultDecision", defaultDecision);
        return body;
    }

    private static ObjectNode ofPartner(String partner) {
        return Api.object().put("partner", partner);
    }

    private static ObjectNode decision(String decision, String justification) {
        ObjectNode body = Api.object();
        body.put("decision", decision);
        body.put("justification", justification);
        return body;
    }

    private JsonNode start(ObjectNode body) {
        Api.Reply reply = ops().post("/reviews", body);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        return reply.json();
    }

    private List<JsonNode> items(String username, String review, String query) {
        Api.Reply reply = as(username).get("/reviews/" + review + "/items" + query);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        List<JsonNode> items = new ArrayList<>();
        reply.json().forEach(items::add);
        return items;
    }

    private static JsonNode itemOf(List<JsonNode> items, String userId) {
        return items.stream().filter(i -> i.get("user").asText().equals(userId)).findFirst()
                .orElseThrow(() -> new AssertionError("no item of " + userId + " in " + items));
    }

    @Test
    void reviewersDecideTheirItemsAndClosingAppliesEveryDecision() {
        String partner = partnerWith("Review Partner", "review.example", "registered", "EMEA", "nora.northwind", "emea-eve");
        String nora = userId("nora.northwind");
        String eve = userId("emea-eve");
        String noraGrant = granted("nora.northwind", 10);
        String eveGrant = granted("emea-eve", 10);
        ObjectNode account = Api.object();
        account.put("name", "erp-sync");
        account.put("purpose", "Synchronise deal registrations from the partner's ERP every night.");
        account.put("owner", nora);
        account.put("days", 20);
        Api.Reply created = ops().post("/partners/" + partner + "/service-accounts", account);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String serviceUser = realm.admin().clients().get(created.json().get("id").asText()).getServiceAccountUser().getId();
        String accountRequest = ops().post("/requests", requestBody(serviceUser, "deal-registration", null, 10)).json().get("id").asText();
        approve("emea-erin", accountRequest, "regional");
        String accountGrant = approve("sec-sam", accountRequest, "security").get("grantId").asText();
        JsonNode noraTokens = login("nora.northwind");
        String refreshToken = noraTokens.get("refresh_token").asText();
        // Eve also holds an offline session, which the close must end too.
        realm.admin().users().get(eve).roles().realmLevel()
                .add(List.of(realm.admin().roles().get("offline_access").toRepresentation()));
        Api.Reply offline = TokenEndpoint.post(urls.getBase(), realm.getName(), "grant_type=password&client_id="
                + PartnersRealm.PORTAL + "&username=emea-eve&password=" + Api.q(PartnersRealm.PASSWORD)
                + "&scope=" + Api.q("openid offline_access"));
        assertThat(offline.status()).as(offline.toString()).isEqualTo(200);
        String portal = realm.admin().clients().findByClientId(PartnersRealm.PORTAL).get(0).getId();
        assertThat(realm.admin().users().get(eve).getOfflineSessions(portal)).hasSize(1);

        // An approver who holds the security role through a group reviews as one who holds it directly.
        String groupId = created(realm.admin().groups().add(named(new GroupRepresentation(), "review-security-approvers")));
        realm.admin().groups().group(groupId).roles().realmLevel()
                .add(List.of(realm.admin().roles().get("partner-approver-security").toRepresentation()));
        UserRepresentation member = new UserRepresentation();
        member.setUsername("review-group-gary");
        member.setEnabled(true);
        String gary = created(realm.admin().users().create(member));
        realm.admin().users().get(gary).joinGroup(groupId);

        // Started by an admin over the partner: its three active grants, decided by the programme's approvers.
        JsonNode review = start(reviewBody("Review Partner Q4", ofPartner(partner), "approvers", 14, "revoke"));
        String id = review.get("id").asText();
        assertThat(review.get("status").asText()).isEqualTo("OPEN");
        assertThat(review.at("/items/total").asInt()).isEqualTo(3);
        assertThat(review.at("/items/decided").asInt()).isZero();
        assertThat(review.at("/scope/partner").asText()).isEqualTo(partner);
        assertThat(evidence("type=REVIEW_STARTED&subject=" + id)).hasSize(1);
        assertThat(ops().get("/reviews/" + id).json().get("name").asText()).isEqualTo("Review Partner Q4");
        assertThat(ops().get("/reviews?status=OPEN").json().findValuesAsText("id")).contains(id);

        // Each reviewer sees only the items they review; nobody reviews their own grant.
        List<JsonNode> all = items("ops-admin", id, "");
        assertThat(all).hasSize(3);
        assertThat(itemOf(all, serviceUser).get("reviewers").toString()).contains(userId("sec-sam")).contains(gary);
        assertThat(itemOf(all, eve).get("reviewers").toString()).doesNotContain(eve).contains(userId("emea-erin"));
        assertThat(itemOf(all, nora).get("username").asText()).isEqualTo("nora.northwind");
        assertThat(itemOf(all, nora).get("decision").isNull()).isTrue();
        assertThat(itemOf(all, nora).at("/recommendation/decision").asText()).isIn("keep", "revoke");
        assertThat(items("sec-sam", id, "?awaiting=me")).extracting(i -> i.get("user").asText()).containsExactly(serviceUser);
        assertThat(items("emea-erin", id, "?awaiting=me")).hasSize(3);
        assertThat(items("emea-eve", id, "")).extracting(i -> i.get("user").asText()).doesNotContain(eve).hasSize(2);
        assertThat(items("plain-user", id, "?awaiting=me")).isEmpty();
        // Reviewers find the reviews that wait for them without view-users; a user with nothing to decide finds none.
        assertThat(as("sec-sam").get("/reviews?awaiting=me").json().findValuesAsText("id")).contains(id);
        assertThat(as("plain-user").get("/reviews?awaiting=me").json().findValuesAsText("id")).doesNotContain(id);
        assertRefused(as("sec-sam").get("/reviews?awaiting=you"), 400, "awaiting");

        String noraItem = itemOf(all, nora).get("id").asText();
        String eveItem = itemOf(all, eve).get("id").asText();
        String accountItem = itemOf(all, serviceUser).get("id").asText();
        String itemPath = "/reviews/" + id + "/items/";
        assertRefused(as("emea-eve").post(itemPath + eveItem + "/decision", decision("keep", "I still need it.")), 403, "own access");
        assertRefused(as("plain-user").post(itemPath + noraItem + "/decision", decision("keep", "Why not.")), 403, "not a reviewer");
        assertRefused(as("emea-erin").post(itemPath + noraItem + "/decision", decision("maybe", "Unsure.")), 400, "decision");

        Api.Reply revoke = as("emea-erin").post(itemPath + noraItem + "/decision", decision("revoke", "No longer registers deals."));
        assertThat(revoke.status()).as(revoke.toString()).isEqualTo(200);
        assertThat(revoke.json().get("decision").asText()).isEqualTo("revoke");
        assertThat(revoke.json().get("decidedBy").asText()).isEqualTo(userId("emea-erin"));
        assertRefused(as("emea-eve").post(itemPath + noraItem + "/decision", decision("keep", "Second opinion.")), 409, "already decided");
        Api.Reply keep = as("sec-sam").post(itemPath + accountItem + "/decision", decision("keep", "The ERP sync runs nightly."));
        assertThat(keep.status()).as(keep.toString()).isEqualTo(200);
        assertThat(evidence("type=REVIEW_DECIDED")).extracting(r -> r.get("subject").asText()).contains(noraItem, accountItem);
        assertThat(items("emea-erin", id, "?awaiting=me")).extracting(i -> i.get("id").asText()).containsExactly(eveItem);
        assertThat(items("ops-admin", id, "?decision=undecided")).hasSize(1);

        // The human owner of a service account does not review its access either.
        JsonNode byOwner = start(reviewBody("Owner's own", ofPartner(partner).put("serviceAccounts", true), nora, 7, "keep"));
        String ownItem = items("ops-admin", byOwner.get("id").asText(), "").get(0).get("id").asText();
        assertThat(items("nora.northwind", byOwner.get("id").asText(), "?awaiting=me")).isEmpty();
        assertRefused(as("nora.northwind").post("/reviews/" + byOwner.get("id").asText() + "/items/" + ownItem + "/decision",
                decision("keep", "My ERP sync.")), 403, "own access");
        assertThat(ops().post("/reviews/" + byOwner.get("id").asText() + "/close", null).status()).isEqualTo(200);
        assertThat(ops().get("/grants/" + accountGrant).json().get("status").asText()).isEqualTo("ACTIVE");

        // Closing applies the decisions; eve's undecided item takes the default (revoke) and reads as defaulted.
        assertRefused(as("viewer").post("/reviews/" + id + "/close", null), 403, "manage-users");
        Api.Reply closed = ops().post("/reviews/" + id + "/close", null);
        assertThat(closed.status()).as(closed.toString()).isEqualTo(200);
        assertThat(closed.json().get("status").asText()).isEqualTo("CLOSED");
        assertThat(closed.json().get("closedAt").isNull()).isFalse();
        assertThat(closed.json().at("/items/kept").asInt()).isEqualTo(1);
        assertThat(closed.json().at("/items/revoked").asInt()).isEqualTo(2);
        assertThat(closed.json().at("/items/decided").asInt()).isEqualTo(3);
        assertRefused(ops().post("/reviews/" + id + "/close", null), 409, "CLOSED");
        assertRefused(as("emea-erin").post(itemPath + eveItem + "/decision", decision("keep", "Too late.")), 409, "CLOSED");

        JsonNode defaulted = itemOf(items("ops-admin", id, ""), eve);
        assertThat(defaulted.get("decision").asText()).isEqualTo("revoke");
        assertThat(defaulted.get("defaulted").asBoolean()).isTrue();
        assertThat(defaulted.get("decidedBy").asText()).isEqualTo("system");

        assertThat(ops().get("/grants/" + noraGrant).json().get("status").asText()).isEqualTo("REVOKED");
        assertThat(ops().get("/grants/" + eveGrant).json().get("status").asText()).isEqualTo("REVOKED");
        assertThat(ops().get("/grants/" + accountGrant).json().get("status").asText()).isEqualTo("ACTIVE");
        assertThat(UserSessions.refresh(urls.getBase(), realm.getName(), refreshToken)).isEqualTo(400);
        assertThat(realm.admin().users().get(nora).getUserSessions()).as("nora's online sessions").isEmpty();
        assertThat(realm.admin().users().get(eve).getOfflineSessions(portal)).as("eve's offline sessions").isEmpty();
        assertThat(accessToken("nora.northwind").at("/realm_access/roles").toString()).doesNotContain("deal-registration");
        JsonNode revoked = evidence("type=GRANT_REVOKED&subject=" + noraGrant).get(0);
        assertThat(revoked.at("/details/reason").asText()).isEqualTo("review");
        assertThat(revoked.at("/details/reviewId").asText()).isEqualTo(id);
        assertThat(ops().get("/grants/" + noraGrant).json().get("revokedReason").asText()).contains(id);
        assertThat(revoked.at("/details/sessionsEnded").asInt()).isGreaterThanOrEqualTo(1);
        JsonNode record = evidence("type=REVIEW_CLOSED&subject=" + id).get(0);
        assertThat(record.at("/details/kept").asInt()).isEqualTo(1);
        assertThat(record.at("/details/revoked").asInt()).isEqualTo(2);
        assertThat(record.at("/details/defaulted").asInt()).isEqualTo(1);
        assertThat(ops().get("/evidence/verify").json().get("valid").asBoolean()).isTrue();

        realm.admin().users().get(gary).remove();
        realm.admin().groups().group(groupId).remove();
    }

    private static <T extends GroupRepresentation> T named(T group, String name) {
        group.setName(name);
        return group;
    }

    private static String created(Response response) {
        try (response) {
            assertThat(response.getStatus()).isEqualTo(201);
            return response.getLocation().getPath().replaceAll(".*/", "");
        }
    }

    @Test
    void badInputIsRefusedAndCreatesNothing() {
        String partner = partnerWith("Checked Partner", "checked.example", "registered", "EMEA", "gary.goldline");
        granted("gary.goldline", 10);
        int reviews = ops().get("/reviews").json().size();
        int started = evidence("type=REVIEW_STARTED").size();

        ObjectNode unknownField = ofPartner(partner).put("colour", "gold");
        Api.Reply unknown = ops().post("/reviews", reviewBody("Bad", unknownField, "owner", 14, "keep"));
        assertRefused(unknown, 400, "colour");
        assertThat(unknown.text("field")).isEqualTo("scope.colour");
        assertRefused(ops().post("/reviews", reviewBody("Bad", Api.object(), "owner", 14, "keep")), 400, "scope");
        assertRefused(ops().post("/reviews", reviewBody("Bad", ofPartner("no-such-partner"), "owner", 14, "keep")), 400,
                "matches no ACTIVE grant");
        assertRefused(ops().post("/reviews", reviewBody("Bad", ofPartner(partner), "owner", 0, "keep")), 400, "days");
        assertRefused(ops().post("/reviews", reviewBody("Bad", ofPartner(partner), "owner", 366, "keep")), 400, "days");
        assertRefused(ops().post("/reviews", reviewBody("Bad", ofPartner(partner), "no-such-user", 14, "keep")), 400, "reviewer");
        assertRefused(ops().post("/reviews", reviewBody("Bad", ofPartner(partner), "owner", 14, "maybe")), 400, "defaultDecision");
        assertRefused(ops().post("/reviews", reviewBody("Bad", ofPartner(partner).put("serviceAccounts", true), "owner", 14, "keep")),
                400, "matches no ACTIVE grant");
        assertRefused(as("viewer").post("/reviews", reviewBody("Bad", ofPartner(partner), "owner", 14, "keep")), 403, "manage-users");
        assertRefused(as("plain-user").get("/reviews"), 403, "view-users");
        assertRefused(ops().get("/reviews/no-such-review"), 404, "no-such-review");

        assertThat(ops().get("/reviews").json().size()).isEqualTo(reviews);
        assertThat(evidence("type=REVIEW_STARTED")).hasSize(started);
    }

    @Test
    void theRecommendationFollowsTheLastLoginTheGateRecorded() {
        String partner = partnerWith("Idle Partner", "idle.example", "silver", "EMEA", "sue.summit", "sam.summit");
        String sue = userId("sue.summit");
        String sam = userId("sam.summit");
        granted("sue.summit", 60);
        granted("sam.summit", 60);
        login("sue.summit");
        login("sam.summit");

        // A month later only sam logs in again (a new hour, so the gate records it).
        serverClock(31 * DAY);
        login("sam.summit");
        JsonNode review = start(reviewBody("Idle Partner review", ofPartner(partner), "owner", 7, "keep"));
        List<JsonNode> items = items("owner-olivia", review.get("id").asText(), "?awaiting=me");
        assertThat(items).hasSize(2);
        assertThat(itemOf(items, sue).get("reviewers").toString()).contains(userId("owner-olivia"));
        assertThat(itemOf(items, sue).at("/recommendation/decision").asText()).isEqualTo("revoke");
        assertThat(itemOf(items, sue).at("/recommendation/reason").asText()).isEqualTo("no login for 31 days");
        assertThat(itemOf(items, sam).at("/recommendation/decision").asText()).isEqualTo("keep");
    }

    private static final String OLIVIA_MAIL = "owner-olivia@users.example";

    private List<JsonNode> reviewsNamed(String prefix) {
        List<JsonNode> found = new ArrayList<>();
        ops().get("/reviews?max=1000").json().forEach(r -> {
            if (r.get("name").asText().startsWith(prefix)) {
                found.add(r);
            }
        });
        return found;
    }

    @Test
    void theSweepRemindsOnceBeforeTheDueDateAndClosesTheReviewAtIt() throws Exception {
        String partner = partnerWith("Due Partner", "due.example", "gold", "EMEA", "gwen.gold", "gus.gold");
        String gwenGrant = granted("gwen.gold", 20);
        String gusGrant = granted("gus.gold", 20);
        JsonNode review = start(reviewBody("Due Partner review", ofPartner(partner), "owner", 5, "revoke"));
        String id = review.get("id").asText();
        // The reviewers hear of it at once, with a link from the configured address.
        assertThat(mail.awaitTo(OLIVIA_MAIL, "reviews/" + id)).hasSize(1);
        assertThat(Mailbox.plainText(mail.to(OLIVIA_MAIL, "reviews/" + id).get(0)))
                .contains("/admin/realms/" + realm.getName() + "/partner-access/reviews/" + id);
        String gwenItem = itemOf(items("owner-olivia", id, ""), userId("gwen.gold")).get("id").asText();
        Api.Reply kept = as("owner-olivia").post("/reviews/" + id + "/items/" + gwenItem + "/decision",
                decision("keep", "Gwen still registers deals."));
        assertThat(kept.status()).as(kept.toString()).isEqualTo(200);

        // Three days before the due date the sweep reminds the reviewers, once.
        serverClock(3 * DAY);
        sweep();
        sweep();
        assertThat(mail.awaitCount(OLIVIA_MAIL, "reviews/" + id, 2)).hasSize(2);
        assertThat(mail.to(OLIVIA_MAIL, "is due soon")).filteredOn(m -> {
            try {
                return Mailbox.plainText(m).contains("reviews/" + id);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).hasSize(1);
        assertThat(ops().get("/reviews/" + id).json().get("status").asText()).isEqualTo("OPEN");

        // Past the due date the sweep closes it: the undecided item takes the default, revoked with the review's id.
        serverClock(6 * DAY);
        sweep();
        sweep();
        JsonNode closed = ops().get("/reviews/" + id).json();
        assertThat(closed.get("status").asText()).isEqualTo("CLOSED");
        assertThat(closed.at("/items/kept").asInt()).isEqualTo(1);
        assertThat(closed.at("/items/revoked").asInt()).isEqualTo(1);
        assertThat(ops().get("/grants/" + gwenGrant).json().get("status").asText()).isEqualTo("ACTIVE");
        assertThat(ops().get("/grants/" + gusGrant).json().get("status").asText()).isEqualTo("REVOKED");
        JsonNode revoked = evidence("type=GRANT_REVOKED&subject=" + gusGrant).get(0);
        assertThat(revoked.at("/details/reason").asText()).isEqualTo("review");
        assertThat(revoked.at("/details/reviewId").asText()).isEqualTo(id);
        List<JsonNode> closings = evidence("type=REVIEW_CLOSED&subject=" + id);
        assertThat(closings).hasSize(1);
        assertThat(closings.get(0).at("/details/defaulted").asInt()).isEqualTo(1);
        assertThat(closings.get(0).at("/details/revoked").asInt()).isEqualTo(1);
        assertThat(closings.get(0).at("/details/kept").asInt()).isEqualTo(1);
        assertThat(closings.get(0).get("actor").toString()).contains("system");
        assertThat(mail.to(OLIVIA_MAIL, "reviews/" + id)).hasSize(2);
        assertThat(ops().get("/evidence/verify").json().get("valid").asBoolean()).isTrue();
    }

    @Test
    void theSweepStartsAScheduledReviewOncePerPeriod() throws Exception {
        String partner = partnerWith("Scheduled Partner", "scheduled.example", "gold", "EMEA", "ned.northwind", "gina.goldline");
        granted("ned.northwind", 60);
        granted("gina.goldline", 60);
        ObjectNode policy = accessPolicy("revert");
        policy.get("tiers").forEach(tier -> {
            ((ObjectNode) tier).putArray("requiredActions");
            ((ObjectNode) tier).remove("attestationDays");
        });
        ObjectNode schedule = policy.putArray("reviewSchedule").addObject();
        schedule.put("name", "Monthly Scheduled Partner");
        schedule.put("everyDays", 30);
        schedule.putObject("scope").put("partner", partner);
        schedule.put("reviewer", "owner");
        schedule.put("days", 10);
        schedule.put("defaultDecision", "keep");
        ObjectNode nothing = ((com.fasterxml.jackson.databind.node.ArrayNode) policy.get("reviewSchedule")).addObject();
        nothing.put("name", "Nobody in scope");
        nothing.put("everyDays", 30);
        nothing.putObject("scope").put("partner", "no-such-partner");
        nothing.put("reviewer", "owner");
        nothing.put("days", 10);
        nothing.put("defaultDecision", "revoke");
        Api.Reply put = ops().put("/policy", policy);
        assertThat(put.status()).as(put.toString()).isEqualTo(200);
        assertThat(ops().get("/policy").json().at("/reviewSchedule/0/name").asText()).isEqualTo("Monthly Scheduled Partner");

        // Two sweeps in one period start one review, by system; a scope matching nothing starts nothing.
        sweep();
        sweep();
        List<JsonNode> started = reviewsNamed("Monthly Scheduled Partner");
        assertThat(started).hasSize(1);
        JsonNode first = started.get(0);
        assertThat(first.get("createdBy").asText()).isEqualTo("system");
        assertThat(first.at("/items/total").asInt()).isEqualTo(2);
        assertThat(reviewsNamed("Nobody in scope")).isEmpty();
        assertThat(evidence("type=REVIEW_STARTED&subject=" + first.get("id").asText())).hasSize(1);
        assertThat(mail.awaitTo(OLIVIA_MAIL, "reviews/" + first.get("id").asText())).hasSize(1);

        // The next period: the first review is past its due date and closed (undecided items kept), a new one starts.
        serverClock(31 * DAY);
        sweep();
        sweep();
        List<JsonNode> both = reviewsNamed("Monthly Scheduled Partner");
        assertThat(both).hasSize(2);
        assertThat(ops().get("/reviews/" + first.get("id").asText()).json().get("status").asText()).isEqualTo("CLOSED");
        assertThat(both).extracting(r -> r.get("status").asText()).containsExactlyInAnyOrder("OPEN", "CLOSED");
        assertThat(ops().get("/evidence/verify").json().get("valid").asBoolean()).isTrue();

        // Later tests run without the schedule.
        policyAndGate();
    }
}
