package dev.partneraccess.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import jakarta.mail.internet.MimeMessage;

/**
 * The expiry sweep as production runs it: fired by Keycloak's timer on a server of its own, outside any HTTP request,
 * never through {@code POST /sweep}. Expiry notices are recorded and mailed with links built from the realm's frontend
 * URL (the node has no hostname configured and no request to take one from), a recurring review starts and its
 * reviewer is mailed; once the clock has moved, grants expire, the review closes, a pending stage is escalated and its
 * escalation role mailed, a delegation past its date ends and a content release past its end expires, each once; and
 * the node's log has no ERROR.
 */
class ScheduledSweepIT {

    private static final int INTERVAL = 3;
    private static final int SMTP_PORT = 3126;
    private static final String REALM = "timer";
    private static final String FRONTEND = "http://partners.timer.example:18090";
    private static final String PASSWORD = "timer-owner-password";

    @Test
    void theTimerSendsExpiryNoticesWithConfiguredLinksAndExpiresGrantsOutsideAnyRequest() throws Exception {
        Path work = Path.of("target", "scheduled").toAbsolutePath();
        if (Files.exists(work)) {
            try (var files = Files.walk(work)) {
                files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(java.io.File::delete);
            }
        }
        List<Path> jars = Arrays.stream(System.getProperty("partner-access.jars").split(",")).map(Path::of).toList();
        ClusterNode.prepareDev(Path.of(System.getProperty("partner-access.dist.zip")), jars, work.resolve("node"));

        try (Mailbox mail = new Mailbox(SMTP_PORT);
             ClusterNode node = new ClusterNode(10, work.resolve("node"), work.resolve("node.log"))) {
            node.startDev(INTERVAL);
            node.awaitReady(Duration.ofMinutes(4));
            Api api = seed(node);
            String member = node.userId(REALM, "member");

            ObjectNode request = Api.object();
            request.put("user", member);
            request.put("role", "deal-registration");
            request.put("businessPurpose", "Register deals for the scheduled sweep test partner.");
            request.put("days", 1);
            Api.Reply created = api.post("/requests", request);
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            String grant = created.text("grantId");
            assertReportCountsTheGrants(api, 1);

            // The grant ends within a day, the policy's notice threshold: the timer, not a call, must notice it.
            List<JsonNode> notices = await(() -> api.get("/evidence?type=EXPIRY_NOTICE_SENT&subject=" + grant).json());
            assertThat(notices).as("EXPIRY_NOTICE_SENT from the timer").hasSize(1);
            JsonNode notice = notices.get(0);
            assertThat(notice.get("actor").asText()).isEqualTo("system");
            assertThat(notice.at("/details/mailed").asBoolean()).isTrue();
            // Three more things only the timer ends: a stage pending past its escalation, a delegation past its
            // date and a self-service content release past its end.
            ObjectNode pendingBody = Api.object();
            pendingBody.put("user", member);
            pendingBody.put("role", "deal-review");
            pendingBody.put("businessPurpose", "Review deals for the scheduled sweep test partner.");
            pendingBody.put("days", 5);
            Api.Reply pending = api.post("/requests", pendingBody);
            assertThat(pending.status()).as(pending.toString()).isEqualTo(201);
            String pendingId = pending.text("id");
            Api owner = new Api(node.url(), REALM, () -> TokenEndpoint.post(node.url(), REALM,
                    "grant_type=password&client_id=admin-cli&username=owner&password=" + PASSWORD).text("access_token"));
            ObjectNode delegation = Api.object();
            delegation.put("to", node.userId(REALM, "desk"));
            delegation.put("until", java.time.Instant.now().plus(Duration.ofDays(1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
            Api.Reply delegated = owner.sendSelfTyped("PUT", "/me/delegation", "application/json", Api.write(delegation));
            assertThat(delegated.status()).as(delegated.toString()).isEqualTo(200);
            ObjectNode assets = Api.object();
            assets.put("name", "Timer logo pack");
            assets.put("kind", "public-assets");
            assets.put("client", "library");
            assets.put("uri", "https://assets.timer.example/logos");
            assets.put("owner", node.userId(REALM, "owner"));
            assets.put("minTier", "registered");
            assets.putArray("regions").add("EMEA");
            assets.put("days", 1);
            Api.Reply content = api.post("/content", assets);
            assertThat(content.status()).as(content.toString()).isEqualTo(201);
            String contentId = content.text("id");
            Api.Reply released = api.post("/content/" + contentId + "/submit", null);
            assertThat(released.status()).as(released.toString()).isEqualTo(200);
            assertThat(released.text("status")).isEqualTo("RELEASED");

            MimeMessage mailed = mail.oneTo("member@timer.example", grant);
            assertThat(Mailbox.plainText(mailed)).contains(FRONTEND + "/admin/realms/" + REALM + "/partner-access/grants/" + grant);
            assertThat(mail.awaitTo("owner@timer.example", grant)).hasSize(1);

            // A recurring review in the policy: the timer starts it once, and its reviewer, the partner's business
            // owner, is mailed a link built from the frontend URL.
            ObjectNode policy = (ObjectNode) api.get("/policy").json();
            for (String field : new String[] {"version", "updatedAt", "updatedBy"}) {
                policy.remove(field);
            }
            ObjectNode schedule = policy.putArray("reviewSchedule").addObject();
            schedule.put("name", "Timer review");
            schedule.put("everyDays", 30);
            schedule.putObject("scope").put("role", "deal-registration");
            schedule.put("reviewer", "owner");
            schedule.put("days", 1);
            schedule.put("defaultDecision", "keep");
            Api.Reply saved = api.put("/policy", policy);
            assertThat(saved.status()).as(saved.toString()).isEqualTo(200);
            List<JsonNode> reviews = await(() -> api.get("/evidence?type=REVIEW_STARTED").json());
            assertThat(reviews).as("REVIEW_STARTED from the timer").hasSize(1);
            assertThat(reviews.get(0).get("actor").asText()).isEqualTo("system");
            String review = reviews.get(0).get("subject").asText();
            MimeMessage reviewMail = mail.oneTo("owner@timer.example", review);
            assertThat(Mailbox.plainText(reviewMail)).contains(FRONTEND + "/admin/realms/" + REALM + "/partner-access/reviews/" + review);

            Api.Reply moved = new Api(node.url(), REALM, null).send("PUT", "/../../../../realms/" + REALM
                    + "/partner-access-test-clock/offset", Integer.toString(2 * 24 * 3600), "text/plain");
            assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
            List<JsonNode> expired = await(() -> api.get("/evidence?type=GRANT_EXPIRED&subject=" + grant).json());
            assertThat(expired).as("GRANT_EXPIRED from the timer").hasSize(1);
            assertThat(api.get("/grants/" + grant).json().get("status").asText()).isEqualTo("EXPIRED");
            // The timer's expiry changed the kept count in its own transaction; no check had anything to repair.
            assertReportCountsTheGrants(api, 0);
            List<JsonNode> escalated = await(() -> api.get("/evidence?type=STAGE_ESCALATED&subject=" + pendingId).json());
            assertThat(escalated).as("STAGE_ESCALATED from the timer").hasSize(1);
            assertThat(escalated.get(0).get("actor").asText()).isEqualTo("system");
            assertThat(Mailbox.plainText(mail.oneTo("desk@timer.example", pendingId))).contains("was escalated to you")
                    .contains(FRONTEND + "/admin/realms/" + REALM + "/partner-access/requests/" + pendingId);
            List<JsonNode> lapsed = await(() -> api.get("/evidence?type=APPROVAL_DELEGATION_ENDED").json());
            assertThat(lapsed).as("APPROVAL_DELEGATION_ENDED from the timer").hasSize(1);
            assertThat(lapsed.get(0).get("actor").asText()).isEqualTo("system");
            assertThat(lapsed.get(0).at("/details/reason").asText()).isEqualTo("expired");
            assertThat(owner.sendSelfTyped("GET", "/me/delegation", null, null).status()).isEqualTo(404);
            List<JsonNode> contentExpired = await(() -> api.get("/evidence?type=CONTENT_EXPIRED&subject=" + contentId).json());
            assertThat(contentExpired).as("CONTENT_EXPIRED from the timer").hasSize(1);
            assertThat(contentExpired.get(0).get("actor").asText()).isEqualTo("system");
            assertThat(api.get("/content/" + contentId).text("status")).isEqualTo("EXPIRED");
            // A few more intervals: nothing is noticed or expired twice.
            Thread.sleep(3L * INTERVAL * 1000);
            assertThat(api.get("/evidence?type=EXPIRY_NOTICE_SENT&subject=" + grant).json()).hasSize(1);
            assertThat(api.get("/evidence?type=GRANT_EXPIRED&subject=" + grant).json()).hasSize(1);
            assertThat(api.get("/evidence?type=STAGE_ESCALATED&subject=" + pendingId).json()).hasSize(1);
            assertThat(api.get("/evidence?type=APPROVAL_DELEGATION_ENDED").json()).hasSize(1);
            assertThat(api.get("/evidence?type=CONTENT_EXPIRED&subject=" + contentId).json()).hasSize(1);
            // The review was due after a day: the timer closed it, once, and started no second one in the period.
            List<JsonNode> closed = await(() -> api.get("/evidence?type=REVIEW_CLOSED&subject=" + review).json());
            assertThat(closed).as("REVIEW_CLOSED from the timer").hasSize(1);
            assertThat(closed.get(0).get("actor").asText()).isEqualTo("system");
            assertThat(api.get("/reviews/" + review).json().get("status").asText()).isEqualTo("CLOSED");
            assertThat(api.get("/evidence?type=REVIEW_STARTED").json()).hasSize(1);
            assertThat(api.get("/evidence/verify").json().get("valid").asBoolean()).isTrue();

            assertThat(node.logText()).as("the interval option reached the provider factory")
                    .contains("partner access: expiry sweep every " + INTERVAL + " s in batches of 500")
                    .doesNotContain("is deprecated");
            assertThat(node.logText()).as("the sweep ran from the timer").contains("partner-access-expiry-sweep: running on");
            assertThat(node.logText()).as("no drift of the kept grant counts").doesNotContain("grant counts of realm");
            assertThat(ServerLog.errorsFromProduct(node.logText())).as("ERROR entries from our code in " + node.log).isEmpty();
        }
    }

    /** {@code GET /report}'s active grants are the ACTIVE grants listed, {@code expected} of them. */
    private static void assertReportCountsTheGrants(Api api, int expected) {
        Api.Reply report = api.get("/report");
        assertThat(report.status()).as(report.toString()).isEqualTo(200);
        assertThat(api.get("/grants?status=ACTIVE").json()).hasSize(expected);
        assertThat(report.json().at("/grants/active").asInt()).isEqualTo(expected);
    }

    @Test
    void theOptionNameBefore020StillSetsTheIntervalAndWarnsOnceNamingTheNewOne() throws Exception {
        Path work = Path.of("target", "scheduled-legacy").toAbsolutePath();
        if (Files.exists(work)) {
            try (var files = Files.walk(work)) {
                files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(java.io.File::delete);
            }
        }
        List<Path> jars = Arrays.stream(System.getProperty("partner-access.jars").split(",")).map(Path::of).toList();
        ClusterNode.prepareDev(Path.of(System.getProperty("partner-access.dist.zip")), jars, work.resolve("node"));

        try (ClusterNode node = new ClusterNode(11, work.resolve("node"), work.resolve("node.log"))) {
            node.startDev(ClusterNode.LEGACY_SWEEP_INTERVAL, INTERVAL);
            node.awaitReady(Duration.ofMinutes(4));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!node.logText().contains("partner-access-expiry-sweep: running on") && System.nanoTime() < deadline) {
                Thread.sleep(500);
            }
            String log = node.logText();
            assertThat(log).as("the old name's value reached the provider factory")
                    .contains("partner access: expiry sweep every " + INTERVAL + " s in batches of 500");
            assertThat(log).as("the timer fired at the old name's interval").contains("partner-access-expiry-sweep: running on");
            List<String> warnings = log.lines().filter(line -> line.contains("WARN") && line.contains("is deprecated")).toList();
            assertThat(warnings).as("one warning naming the new option").singleElement().asString()
                    .contains(ClusterNode.LEGACY_SWEEP_INTERVAL).contains(ClusterNode.SWEEP_INTERVAL);
            assertThat(ServerLog.errorsFromProduct(log)).as("ERROR entries from our code in " + node.log).isEmpty();
        }
    }

    /** Polls for up to a minute (twenty timer intervals) until the answer is a non-empty list. */
    private static List<JsonNode> await(Supplier<JsonNode> list) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            List<JsonNode> found = new java.util.ArrayList<>();
            list.get().forEach(found::add);
            if (!found.isEmpty() || System.nanoTime() > deadline) {
                return found;
            }
            Thread.sleep(500);
        }
    }

    /** A realm whose frontend URL names its public address, with SMTP, an owner and a member; a policy and a partner. */
    private static Api seed(ClusterNode node) {
        ObjectNode realm = Api.object();
        realm.put("realm", REALM);
        realm.put("enabled", true);
        realm.put("organizationsEnabled", true);
        realm.putObject("attributes").put("frontendUrl", FRONTEND);
        realm.putObject("smtpServer").put("host", "127.0.0.1").put("port", Integer.toString(SMTP_PORT))
                .put("from", "partner-access@timer.example");
        ArrayNode roles = realm.putObject("roles").putArray("realm");
        for (String role : new String[] {"deal-registration", "deal-review", "escalation-desk"}) {
            roles.addObject().put("name", role);
        }
        ObjectNode library = realm.putArray("clients").addObject();
        library.put("clientId", "library");
        library.put("secret", "library-secret");
        library.put("publicClient", false);
        library.put("serviceAccountsEnabled", true);
        library.put("authorizationServicesEnabled", true);
        ArrayNode users = realm.putArray("users");
        ObjectNode owner = users.addObject().put("username", "owner").put("enabled", true).put("email", "owner@timer.example")
                .put("emailVerified", true).put("firstName", "Olive").put("lastName", "Owner");
        owner.putArray("credentials").addObject().put("type", "password").put("value", PASSWORD).put("temporary", false);
        users.addObject().put("username", "member").put("enabled", true).put("email", "member@timer.example");
        users.addObject().put("username", "desk").put("enabled", true).put("email", "desk@timer.example")
                .putArray("realmRoles").add("escalation-desk");
        Api.Reply created = node.admin("master").send("POST", "/../..", Api.write(realm), "application/json");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);

        Api api = node.admin(REALM);
        ObjectNode policy = Api.object();
        policy.putArray("tiers").addObject().put("name", "registered").put("rank", 1).put("maxGrantDays", 30).putArray("requiredActions");
        ObjectNode programme = policy.putArray("programmes").addObject();
        programme.put("role", "deal-registration");
        programme.putArray("stages");
        programme.put("minTier", "registered");
        ObjectNode review = policy.withArray("programmes").addObject();
        review.put("role", "deal-review");
        review.putArray("stages").add("owner");
        review.put("minTier", "registered");
        ObjectNode ownerStage = policy.putObject("stages").putObject("owner");
        ownerStage.put("businessOwner", true);
        ownerStage.put("escalateAfterDays", 1);
        ownerStage.putObject("escalateTo").put("approverRole", "escalation-desk");
        ObjectNode kind = policy.putObject("content").putArray("kinds").addObject();
        kind.put("name", "public-assets");
        kind.putArray("stages");
        kind.put("maxReleaseDays", 30);
        policy.putArray("expiryNoticeDays").add(1);
        Api.Reply saved = api.put("/policy", policy);
        assertThat(saved.status()).as(saved.toString()).isEqualTo(200);

        ObjectNode intake = Api.object();
        intake.put("name", "Timer Partner");
        intake.putArray("domains").add("timer.example");
        intake.put("tier", "registered");
        intake.put("region", "EMEA");
        intake.put("businessOwner", node.userId(REALM, "owner"));
        Api.Reply partner = api.post("/partners", intake);
        assertThat(partner.status()).as(partner.toString()).isEqualTo(201);
        Api.Reply added = api.post("/partners/" + partner.text("id") + "/members", Api.object().put("username", "member"));
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        return api;
    }
}
