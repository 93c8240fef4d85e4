package dev.partneraccess.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The governance report and its gauges, against a realm set up to produce known figures. The figures are counted in
 * the class's realm, so the test that sets them up runs first.
 */
@KeycloakIntegrationTest(config = PartnerAccessServerConfig.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PostureIT extends AccessTestBase {

    private static final long DAY = 24 * 3600;

    private JsonNode report() {
        Api.Reply reply = ops().get("/report");
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.json();
    }

    private ObjectNode serviceAccount(String name, String owner, int days) {
        ObjectNode body = Api.object();
        body.put("name", name);
        body.put("purpose", "Synchronise deal registrations from the partner's ERP every night.");
        body.put("owner", userId(owner));
        body.put("days", days);
        return body;
    }

    /** Maps deal-registration to the user through Keycloak's own admin API, as the realm's ops admin. */
    private void mapBehindTheProductsBack(String username) {
        JsonNode role = ops().get("/../roles/deal-registration").json();
        ArrayNode roles = Api.JSON.createArrayNode().add(role);
        Api.Reply mapped = ops().send("POST", "/../users/" + userId(username) + "/role-mappings/realm", roles, "application/json");
        assertThat(mapped.status()).as(mapped.toString()).isEqualTo(204);
    }

    /** Maps deal-registration to a new group through Keycloak's own admin API, as the realm's ops admin. */
    private void mapToAGroupBehindTheProductsBack(String name) {
        Api.Reply group = ops().send("POST", "/../groups", Api.object().put("name", name), "application/json");
        assertThat(group.status()).as(group.toString()).isEqualTo(201);
        String id = ops().get("/../groups?search=" + name).json().get(0).get("id").asText();
        JsonNode role = ops().get("/../roles/deal-registration").json();
        Api.Reply mapped = ops().send("POST", "/../groups/" + id + "/role-mappings/realm", Api.JSON.createArrayNode().add(role),
                "application/json");
        assertThat(mapped.status()).as(mapped.toString()).isEqualTo(204);
    }

    /** The tests that edit rows behind the product's back need the suite's database over JDBC (not H2's file). */
    private static void assumeReachableDatabase() {
        org.junit.jupiter.api.Assumptions.assumeTrue(!System.getProperty("kc.test.database.url", "").isBlank()
                        && !"h2".equals(System.getProperty("partner-access.db", "h2")),
                "needs a database the test can reach (-Ddb=postgres or -Ddb=mariadb)");
    }

    private static Connection database() throws java.sql.SQLException {
        return DriverManager.getConnection(System.getProperty("kc.test.database.url"),
                System.getProperty("kc.test.database.user"), System.getProperty("kc.test.database.password"));
    }

    @Test
    @Order(1)
    void eachFigureMatchesARealmSetUpToProduceItAndTheGaugesSayTheSame() throws Exception {
        useAccessPolicy("flag");
        String active = partnerWith("Posture Active", "posture-active.example", "registered", "EMEA", "nora.northwind", "gus.gold");
        partnerWith("Posture Second", "posture-second.example", "registered", "EMEA", "gwen.gold");
        String suspended = partnerWith("Posture Suspended", "posture-suspended.example", "registered", "EMEA");
        String offboarded = partnerWith("Posture Offboarded", "posture-offboarded.example", "registered", "EMEA");
        ops().post("/partners/" + suspended + "/suspend", reason("Audit."));
        ops().post("/partners/" + offboarded + "/offboard", reason("Ended."));

        granted("nora.northwind", 5);
        granted("gus.gold", 20);
        request("gwen.gold", "deal-registration", null, 10);
        mapBehindTheProductsBack("olga.oob");              // flagged, and held with no end
        useAccessPolicy("revert");
        mapToAGroupBehindTheProductsBack("posture-team");  // reverted (a user's mapping would be refused outright)
        assertThat(ops().post("/partners/" + active + "/service-accounts", serviceAccount("short", "nora.northwind", 5)).status()).isEqualTo(201);
        assertThat(ops().post("/partners/" + active + "/service-accounts", serviceAccount("long", "nora.northwind", 20)).status()).isEqualTo(201);

        assertThat(ops().get("/evidence/verify").json().get("valid").asBoolean()).isTrue();
        JsonNode now = report();
        assertThat(now.at("/partners/ACTIVE").asInt()).isEqualTo(2);
        assertThat(now.at("/partners/SUSPENDED").asInt()).isEqualTo(1);
        assertThat(now.at("/partners/OFFBOARDED").asInt()).isEqualTo(1);
        assertThat(now.at("/grants/active").asInt()).isEqualTo(2);
        assertThat(now.at("/grants/expiringIn7Days").asInt()).isEqualTo(1);
        assertThat(now.at("/grants/withoutExpiry").asInt()).isEqualTo(1);
        assertThat(now.at("/requests/pending").asInt()).isEqualTo(1);
        assertThat(now.at("/requests/oldestPendingDays").asInt()).isEqualTo(0);
        assertThat(now.at("/outOfBand/reverted30d").asInt()).isEqualTo(1);
        assertThat(now.at("/outOfBand/flagged30d").asInt()).isEqualTo(1);
        assertThat(now.at("/serviceAccounts/enabled").asInt()).isEqualTo(2);
        assertThat(now.at("/serviceAccounts/expiredButEnabled").asInt()).isEqualTo(0);
        assertThat(now.at("/serviceAccounts/secretsOverMaxAge").asInt()).isEqualTo(0);
        assertThat(now.at("/serviceAccounts/unusedFor90Days").asInt()).isEqualTo(0);
        assertThat(now.at("/evidence/records").asLong()).isEqualTo(evidenceCount());
        assertThat(now.at("/evidence/valid").asBoolean()).as("verify has run").isTrue();
        assertThat(now.at("/evidence/lastVerifiedAt").isNull()).isFalse();

        // The gauges on the management port say the same.
        String metrics = metrics();
        assertThat(gauge(metrics, "partner_access_grants_active")).isEqualTo(2);
        assertThat(gauge(metrics, "partner_access_partners_suspended")).isEqualTo(1);
        assertThat(gauge(metrics, "partner_access_grants_without_expiry")).isEqualTo(1);
        assertThat(gauge(metrics, "partner_access_out_of_band_reverted_30d")).isEqualTo(1);
        assertThat(gauge(metrics, "partner_access_service_accounts_enabled")).isEqualTo(2);
        assertThat(gauge(metrics, "partner_access_evidence_valid")).isEqualTo(1);
        assertThat(gauge(metrics, "partner_access_evidence_records")).isEqualTo(now.at("/evidence/records").asDouble());

        // Six days on, before any sweep: a service account past its end is still enabled, a request is six days old.
        serverClock(6 * DAY);
        JsonNode later = report();
        assertThat(later.at("/serviceAccounts/expiredButEnabled").asInt()).isEqualTo(1);
        assertThat(later.at("/requests/oldestPendingDays").asInt()).isEqualTo(6);
        assertThat(later.at("/grants/expiringIn7Days").asInt()).as("the 5-day grant is past its end").isEqualTo(0);
        // Eleven days on, both accounts' secrets are older than the tier's 10 days (no sweep has disabled them).
        serverClock(11 * DAY);
        assertThat(report().at("/serviceAccounts/secretsOverMaxAge").asInt()).isEqualTo(2);
        serverClock(91 * DAY);
        assertThat(report().at("/serviceAccounts/unusedFor90Days").asInt()).isEqualTo(2);
        assertThat(gauge(metrics(), "partner_access_service_accounts_unused_for_90_days")).isEqualTo(2);
    }

    @Test
    @Order(2)
    void theReportNeedsViewUsers() {
        assertThat(as("viewer").get("/report").status()).isEqualTo(200);
        assertThat(as("auditor").get("/report").status()).isEqualTo(403);
        assertThat(as("plain-user").get("/report").status()).isEqualTo(403);
    }

    @Test
    @Order(3)
    void aTamperedLedgerShowsInTheReport() throws Exception {
        assumeReachableDatabase();
        createPartner("Posture Verified", "posture-verified.example", "gold", "EMEA");
        assertThat(ops().get("/evidence/verify").json().get("valid").asBoolean()).isTrue();
        assertThat(report().at("/evidence/valid").asBoolean()).isTrue();
        // Appended after the last verification, then edited behind the product's back.
        createPartner("Posture Tamper", "posture-tamper.example", "gold", "EMEA");
        long last = report().at("/evidence/records").asLong();
        String edit = "update PA_EVIDENCE set DETAILS = replace(DETAILS, ?, ?) where SEQ = ? and REALM_ID = (select ID from REALM where NAME = ?)";
        try (Connection db = database()) {
            try (var update = db.prepareStatement(edit)) {
                update.setString(1, "Posture Tamper");
                update.setString(2, "Posture Tampered");
                update.setLong(3, last);
                update.setString(4, realm.getName());
                assertThat(update.executeUpdate()).isEqualTo(1);
            }
            try {
                // The sweep checks the records appended since the last verification: the edited one no longer hashes.
                sweep();
                JsonNode evidence = report().get("evidence");
                assertThat(evidence.get("valid").asBoolean()).isFalse();
                assertThat(gauge(metrics(), "partner_access_evidence_valid")).isEqualTo(0);
            } finally {
                // Undo the edit, so the realm's other tests start from a sound ledger.
                try (var undo = db.prepareStatement(edit)) {
                    undo.setString(1, "Posture Tampered");
                    undo.setString(2, "Posture Tamper");
                    undo.setLong(3, last);
                    undo.setString(4, realm.getName());
                    undo.executeUpdate();
                }
            }
        }
    }

    @Test
    @Order(4)
    void reviewsShowInTheReportOpenThenOverdueThenRevokedAndTheGaugesSayTheSame() throws Exception {
        String partner = partnerWith("Posture Reviewed", "posture-reviewed.example", "registered", "EMEA", "ria.registered", "lou.lapse");
        String ria = userId("ria.registered");
        String riaGrant = granted("ria.registered", 20);
        String louGrant = granted("lou.lapse", 20);
        ObjectNode body = Api.object();
        body.put("name", "Posture Reviewed Q4");
        body.set("scope", Api.object().put("partner", partner));
        body.put("reviewer", "approvers");
        body.put("days", 7);
        body.put("defaultDecision", "revoke");
        Api.Reply started = ops().post("/reviews", body);
        assertThat(started.status()).as(started.toString()).isEqualTo(201);
        String review = started.json().get("id").asText();
        assertThat(started.json().at("/items/total").asInt()).isEqualTo(2);

        // Open and not yet due.
        JsonNode open = report().get("reviews");
        assertThat(open.get("open").asInt()).isEqualTo(1);
        assertThat(open.get("overdueItems").asInt()).isZero();
        assertThat(open.get("revokedLast90Days").asInt()).isZero();
        String metrics = metrics();
        assertThat(gauge(metrics, "partner_access_reviews_open")).isEqualTo(1);
        assertThat(gauge(metrics, "partner_access_reviews_overdue_items")).isEqualTo(0);

        // One item decided; a day past the due date, before any sweep closes it, the other is overdue.
        JsonNode riaItem = null;
        for (JsonNode item : ops().get("/reviews/" + review + "/items").json()) {
            if (item.get("user").asText().equals(ria)) {
                riaItem = item;
            }
        }
        assertThat(riaItem).as("ria's item").isNotNull();
        ObjectNode revoke = Api.object();
        revoke.put("decision", "revoke");
        revoke.put("justification", "No longer registers deals.");
        Api.Reply decided = as("emea-erin").post("/reviews/" + review + "/items/" + riaItem.get("id").asText() + "/decision", revoke);
        assertThat(decided.status()).as(decided.toString()).isEqualTo(200);
        serverClock(8 * DAY);
        JsonNode overdue = report().get("reviews");
        assertThat(overdue.get("open").asInt()).isEqualTo(1);
        assertThat(overdue.get("overdueItems").asInt()).as("only the undecided item").isEqualTo(1);
        metrics = metrics();
        assertThat(gauge(metrics, "partner_access_reviews_overdue_items")).isEqualTo(1);

        // Closed: the decided revoke and the defaulted one both count as revoked in the last 90 days.
        Api.Reply closed = ops().post("/reviews/" + review + "/close", null);
        assertThat(closed.status()).as(closed.toString()).isEqualTo(200);
        assertThat(ops().get("/grants/" + riaGrant).json().get("status").asText()).isEqualTo("REVOKED");
        assertThat(ops().get("/grants/" + louGrant).json().get("status").asText()).isEqualTo("REVOKED");
        JsonNode after = report().get("reviews");
        assertThat(after.get("open").asInt()).isZero();
        assertThat(after.get("overdueItems").asInt()).isZero();
        assertThat(after.get("revokedLast90Days").asInt()).isEqualTo(2);
        metrics = metrics();
        assertThat(gauge(metrics, "partner_access_reviews_open")).isEqualTo(0);
        assertThat(gauge(metrics, "partner_access_reviews_overdue_items")).isEqualTo(0);
        assertThat(gauge(metrics, "partner_access_reviews_revoked_last_90_days")).isEqualTo(2);

        // The auditor's query of docs/controls.md finds the review, its decision and its revocations.
        assertThat(evidence("type=REVIEW_CLOSED&subject=" + review)).hasSize(1);
        assertThat(evidence("type=REVIEW_DECIDED&subject=" + riaItem.get("id").asText())).hasSize(1);
        JsonNode revoked = evidence("type=GRANT_REVOKED&subject=" + louGrant).get(0);
        assertThat(revoked.at("/details/reason").asText()).isEqualTo("review");
        assertThat(revoked.at("/details/reviewId").asText()).isEqualTo(review);

        // Ninety-one days after the close, the revocations no longer count.
        serverClock(99 * DAY);
        assertThat(report().at("/reviews/revokedLast90Days").asInt()).isZero();
    }

    @Test
    @Order(5)
    void contentShowsInTheReportInReviewThenReleasedAndEndingAndTheGaugesSayTheSame() throws Exception {
        ObjectNode policy = accessPolicy("revert");
        ObjectNode kind = policy.putObject("content").putArray("kinds").addObject();
        kind.put("name", "marketing");
        kind.putArray("stages").add("brand");
        kind.put("maxReleaseDays", 180);
        Api.Reply put = ops().put("/policy", policy);
        assertThat(put.status()).as(put.toString()).isEqualTo(200);
        ClientRepresentation library = new ClientRepresentation();
        library.setClientId("posture-library");
        library.setPublicClient(false);
        library.setServiceAccountsEnabled(true);
        library.setAuthorizationServicesEnabled(true);
        realm.admin().clients().create(library).close();
        JsonNode before = report().get("content");

        ObjectNode body = Api.object();
        body.put("name", "Posture brand kit");
        body.put("kind", "marketing");
        body.put("client", "posture-library");
        body.put("uri", "https://assets.company.example/posture-brand-kit");
        body.put("owner", userId("owner-olivia"));
        body.put("minTier", "registered");
        body.putArray("regions").add("EMEA");
        body.put("days", 5);
        Api.Reply created = ops().post("/content", body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.json().get("id").asText();
        Api.Reply submitted = ops().post("/content/" + id + "/submit", null);
        assertThat(submitted.status()).as(submitted.toString()).isEqualTo(200);

        JsonNode inReview = report().get("content");
        assertThat(inReview.get("inReview").asLong()).isEqualTo(before.get("inReview").asLong() + 1);
        assertThat(gauge(metrics(), "partner_access_content_in_review")).isEqualTo(inReview.get("inReview").asDouble());

        // Released for 5 days: released, and ending within 7 days.
        approve("brand-bo", submitted.json().get("requestId").asText(), "brand");
        JsonNode released = report().get("content");
        assertThat(released.get("released").asLong()).isEqualTo(before.get("released").asLong() + 1);
        assertThat(released.get("inReview").asLong()).isEqualTo(before.get("inReview").asLong());
        assertThat(released.get("expiringIn7Days").asLong()).isEqualTo(before.get("expiringIn7Days").asLong() + 1);
        String metrics = metrics();
        assertThat(gauge(metrics, "partner_access_content_released")).isEqualTo(released.get("released").asDouble()).isPositive();
        assertThat(gauge(metrics, "partner_access_content_in_review")).isEqualTo(released.get("inReview").asDouble());
        assertThat(gauge(metrics, "partner_access_content_expiring_in_7_days"))
                .isEqualTo(released.get("expiringIn7Days").asDouble()).isPositive();
    }

    /**
     * The report's grant figures against the grants themselves, listed through the API: ACTIVE ones, exceptions among
     * them, and those ending within seven days from the server's now. Answers the number active.
     */
    private long reportCountsTheGrants(String when) {
        JsonNode grants = report().get("grants");
        Api.Reply listed = ops().get("/grants?status=ACTIVE&max=1000");
        assertThat(listed.status()).as(listed.toString()).isEqualTo(200);
        java.time.Instant now = java.time.Instant.now().plusSeconds(offset);
        long active = 0;
        long exceptions = 0;
        long ending = 0;
        for (JsonNode grant : listed.json()) {
            active++;
            exceptions += grant.get("exception").asBoolean() ? 1 : 0;
            java.time.Instant end = java.time.Instant.parse(grant.get("expiresAt").asText());
            ending += end.isAfter(now) && !end.isAfter(now.plus(java.time.Duration.ofDays(7))) ? 1 : 0;
        }
        assertThat(grants.get("active").asLong()).as("active, " + when).isEqualTo(active);
        assertThat(grants.get("exceptions").asLong()).as("exceptions, " + when).isEqualTo(exceptions);
        assertThat(grants.get("expiringIn7Days").asLong()).as("expiring in 7 days, " + when).isEqualTo(ending);
        return active;
    }

    /** The server clock's offset the test set last, in seconds. */
    private long offset;

    private void clock(long seconds) {
        offset = seconds;
        serverClock(seconds);
    }

    @Test
    @Order(6)
    void theKeptGrantCountsFollowEveryIssueRevocationExpiryAndOffboarding() throws Exception {
        long before = reportCountsTheGrants("at the start");
        String partner = partnerWith("Posture Counted", "posture-counted.example", "registered", "EMEA", "paul.partner", "sid.silver");
        String paul = granted("paul.partner", 3);
        String sid = granted("sid.silver", 20);
        assertThat(reportCountsTheGrants("after two issues")).isEqualTo(before + 2);
        assertThat(gauge(metrics(), "partner_access_grants_active")).isEqualTo(before + 2);

        assertThat(ops().post("/grants/" + sid + "/revoke", reason("No longer needed.")).status()).isEqualTo(200);
        assertThat(reportCountsTheGrants("after a revocation")).isEqualTo(before + 1);

        // Four days on, the sweep expires paul's grant (and any other of the realm past its end).
        clock(4 * DAY);
        assertThat(reportCountsTheGrants("four days on, before the sweep")).isEqualTo(before + 1);
        JsonNode swept = sweep();
        assertThat(swept.get("expired").asInt()).isPositive();
        assertThat(ops().get("/grants/" + paul).json().get("status").asText()).isEqualTo("EXPIRED");
        long afterExpiry = reportCountsTheGrants("after the sweep's expiry");
        assertThat(afterExpiry).isLessThanOrEqualTo(before);

        // Offboarding revokes every grant of the partner's members in one transaction.
        clock(0);
        granted("paul.partner", 10);
        granted("sid.silver", 10);
        assertThat(reportCountsTheGrants("after two more issues")).isEqualTo(afterExpiry + 2);
        assertThat(ops().post("/partners/" + partner + "/offboard", reason("Partnership ended.")).status()).isEqualTo(200);
        assertThat(reportCountsTheGrants("after offboarding")).isEqualTo(afterExpiry);
        assertThat(gauge(metrics(), "partner_access_grants_active")).isEqualTo(afterExpiry);
    }

    @Test
    @Order(7)
    void aDriftOfTheKeptCountsIsRepairedByTheSweepsHourlyCheckWithAWarning() throws Exception {
        assumeReachableDatabase();
        long real = reportCountsTheGrants("before the drift");
        try (Connection db = database();
             var drift = db.prepareStatement("update PA_GRANT_COUNT set ACTIVE = ACTIVE + 5"
                     + " where REALM_ID = (select ID from REALM where NAME = ?)")) {
            drift.setString(1, realm.getName());
            assertThat(drift.executeUpdate()).isEqualTo(1);
        }
        // The report reads the kept count: it shows the drift until the check has run.
        assertThat(report().at("/grants/active").asLong()).isEqualTo(real + 5);

        // Two hours on (the last check ran at the real time or days from it), the sweep compares the counts with the
        // grants and repairs them.
        clock(2 * 3600);
        sweep();
        reportCountsTheGrants("after the sweep's check");
        String log = java.nio.file.Files.readString(PartnerAccessServerConfig.SERVER_LOG);
        assertThat(log.lines().filter(line -> line.contains("WARN") && line.contains("grant counts of realm")
                && line.contains("repaired")).toList()).as("the repair's warning").isNotEmpty();
        assertThat(ServerLog.errorsFromProduct(log)).as("ERROR entries from our code").isEmpty();
    }

    private String metrics() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(urls.getMetric())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private double gauge(String metrics, String name) {
        Matcher m = Pattern.compile("^" + name + "\\{[^}]*realm=\"" + Pattern.quote(realm.getName()) + "\"[^}]*\\} (\\S+)$",
                Pattern.MULTILINE).matcher(metrics);
        assertThat(m.find()).as(name + " in the metrics").isTrue();
        return Double.parseDouble(m.group(1));
    }
}
