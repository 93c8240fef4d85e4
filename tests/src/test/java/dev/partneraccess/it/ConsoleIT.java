package dev.partneraccess.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The web console at {@code /realms/{realm}/partner-access/console/} in a real headless Chromium: signing in with the
 * console's public client (PKCE), the approvers' inbox, a partner user's own access, offboarding, the ledger check,
 * and what a user without rights sees. Screenshots go to -Dpartner-access.screenshots (docs/screenshots in the docs).
 */
@KeycloakIntegrationTest(config = PartnerAccessServerConfig.class)
class ConsoleIT extends ConsoleTestBase {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeEach
    void policy() {
        useAccessPolicy("revert");
    }

    @Test
    void approverApprovesAStageInTheInboxAndTheRequestMovesOn() throws Exception {
        partnerWith("Inbox Brand Works", "inbox-brand.example", "silver", "EMEA", "sid.silver");
        String id = request("sid.silver", "co-marketing-assets", "brand-portal", 30).get("id").asText();

        signIn("legal-lee", "inbox");
        String card = "[data-request='" + id + "']";
        browser.waitForText(card, "Inbox Brand Works");
        assertThat(browser.text(card)).contains("co-marketing-assets", "sid.silver", "silver", PURPOSE, "brand: waiting",
                "legal: waiting");
        browser.type(card + " #pa-justification", "Contract clause 7 covers co-marketing for this partner.");
        screenshot("console-inbox.png");
        browser.click(card + " #pa-approve");

        browser.waitForText("#pa-decided", "legal");
        browser.waitForNo(card);
        JsonNode request = ops().get("/requests/" + id).json();
        assertThat(stages(request)).containsExactly(java.util.Map.entry("brand", "PENDING"), java.util.Map.entry("legal", "APPROVED"));
        assertThat(request.get("status").asText()).isEqualTo("PENDING");
        // The brand approver now finds it in their inbox, with the earlier decision and its justification.
        signIn("brand-bo", "inbox");
        browser.waitForText(card, "legal: APPROVED by legal-lee");
        assertThat(browser.text(card)).contains("Contract clause 7");
    }

    @Test
    void separationOfDutiesRefusalIsExplainedInTheInbox() {
        partnerWith("Two Hats Trading", "two-hats.example", "gold", "EMEA", "gwen.gold");
        String id = request("gwen.gold", "pricing-api", "partner-api", 10).get("id").asText();
        approve("lena-two-hats", id, "legal");

        signIn("lena-two-hats", "inbox");
        String card = "[data-request='" + id + "']";
        browser.waitForText(card, "Two Hats Trading");
        browser.type(card + " #pa-justification", "Security review done.");
        browser.click(card + " #pa-approve");
        browser.waitForText(card + " .pa-refused", "you already decided stage 'legal'");
        assertThat(stages(ops().get("/requests/" + id).json())).contains(java.util.Map.entry("security", "PENDING"));
    }

    @Test
    void partnerUserRequestsAccessAndSeesTheGrantWithItsExpiryOnceApproved() throws Exception {
        partnerWith("Self Serve Supplies", "self-serve.example", "registered", "EMEA", "ria.registered");

        signIn("ria.registered", "");
        browser.waitForText("#pa-me-partner", "Self Serve Supplies, tier registered, ACTIVE");
        assertThat(browser.has("#pa-nav-partners")).as("no admin page for a partner user").isFalse();
        browser.find("#pa-my-grants-empty");
        browser.type("#pa-days", "20");
        browser.type("#pa-purpose", PURPOSE);
        browser.click("#pa-send-request");
        browser.waitForText(".pa-success", "Status: PENDING");
        // The requester sees whom the stage waits for.
        browser.waitForText("#pa-my-requests", "regional: waiting for emea-erin, emea-eve");

        JsonNode pending = ops().get("/requests?user=" + userId("ria.registered") + "&status=PENDING").json().get(0);
        assertThat(pending.get("role").asText()).isEqualTo("deal-registration");
        assertThat(pending.get("days").asInt()).isEqualTo(20);
        JsonNode approved = approve("emea-erin", pending.get("id").asText(), "regional");
        JsonNode grant = ops().get("/grants/" + approved.get("grantId").asText()).json();

        browser.open(console("me"));
        browser.waitForText("#pa-my-grants", "deal-registration");
        String expiry = java.time.format.DateTimeFormatter.ofPattern("MMM d, yyyy", java.util.Locale.ENGLISH)
                .format(java.time.Instant.parse(grant.get("expiresAt").asText()).atZone(java.time.ZoneOffset.UTC));
        assertThat(browser.text("#pa-my-grants")).contains(expiry).containsPattern("(19|20) days").contains("ACTIVE");
        screenshot("console-my-access.png");

        // Asking for renewal opens the owner's RENEWAL request.
        browser.click(".pa-ask-renewal");
        browser.type("#pa-grant-days", "10");
        browser.type("#pa-grant-text", "Deal registration is still needed for the Q3 pipeline.");
        browser.click("#pa-grant-confirm");
        browser.waitForText(".pa-success", "Renewal request opened");
        browser.waitForText("#pa-my-requests", "owner: waiting for owner-olivia");
    }

    @Test
    void adminOffboardsAPartnerAndItsGrantsShowRevoked() throws Exception {
        String partner = partnerWith("Offboard Optics", "offboard-optics.example", "registered", "EMEA", "gus.gold");
        String grant = granted("gus.gold", 10);

        signIn("ops-admin", "partners");
        browser.waitForText("#pa-partners", "Offboard Optics");
        screenshot("console-partners.png");
        browser.click("[data-key='" + partner + "'] .pa-partner-link");
        browser.waitForText("#pa-members", "gus.gold");
        assertThat(browser.text("#pa-partner-profile")).contains("registered", "EMEA", "owner-olivia");
        screenshot("console-partner.png");

        browser.click("#pa-offboard");
        browser.waitForText("#pa-confirm-text", "revokes 1 active grants of its 1 members");
        browser.type("#pa-reason", "The partnership ended on contract termination.");
        browser.click("#pa-confirm-button");
        browser.waitForText(".pa-success", "OFFBOARDED");

        browser.open(console("grants?partner=" + partner));
        browser.waitForText("[data-key='" + grant + "']", "REVOKED");
        browser.waitForText("[data-key='" + grant + "']", "gus.gold");
        assertThat(browser.text("[data-key='" + grant + "']")).contains("deal-registration", "Offboard Optics");
        screenshot("console-grants.png");
        assertThat(ops().get("/grants/" + grant).json().get("status").asText()).isEqualTo("REVOKED");
    }

    @Test
    void evidenceVerifyShowsTheLedgerValid() throws Exception {
        createPartner("Ledger Labs", "ledger-labs.example", "gold", "APAC");
        signIn("ops-admin", "evidence");
        browser.waitForText("#pa-evidence", "POLICY_CHANGED");
        browser.click("#pa-verify");
        browser.waitForText("#pa-verify-result", "The ledger is intact");
        assertThat(browser.find("#pa-verify-result").getAttribute("data-valid")).isEqualTo("true");
        screenshot("console-evidence.png");

        // The export is fetched with the bearer token (a plain link would carry none) and saved as a file.
        browser.click("#pa-export");
        browser.waitForText(".pa-notice", "Export downloaded.");

        browser.select("#pa-e-type", "PARTNER_CREATED");
        browser.click("#pa-apply");
        browser.waitForTextGone("#pa-evidence", "POLICY_CHANGED");
        browser.waitForText("#pa-evidence", "PARTNER_CREATED");
    }

    @Test
    void adminRenewsAndRevokesAGrantInTheGrantsPage() {
        partnerWith("Grant Gardens", "grant-gardens.example", "registered", "EMEA", "oscar.oob");
        String grant = granted("oscar.oob", 10);

        signIn("ops-admin", "grants");
        browser.type("#pa-g-user", "oscar.oob");
        browser.select("#pa-g-status", "ACTIVE");
        browser.click("#pa-apply");
        String row = "[data-key='" + grant + "']";
        browser.waitForText(row, "oscar.oob");

        browser.click(row + " .pa-renew");
        browser.type("#pa-grant-days", "5");
        browser.type("#pa-grant-text", "The partner's deal desk still needs this for the renewal quarter.");
        browser.click("#pa-grant-confirm");
        browser.waitForText(".pa-success", "Renewal request opened");
        JsonNode renewal = ops().get("/requests?user=" + userId("oscar.oob") + "&status=PENDING").json().get(0);
        assertThat(renewal.get("type").asText()).isEqualTo("RENEWAL");

        browser.click(row + " .pa-revoke");
        browser.type("#pa-grant-text", "Access review found no open deals.");
        browser.click("#pa-grant-confirm");
        browser.waitForText(".pa-success", "Grant revoked.");
        browser.waitForNo(row);
        assertThat(ops().get("/grants/" + grant).json().get("revokedReason").asText()).contains("Access review found no open deals.");
    }

    @Test
    void policyPageShowsTheVersionAndHistoryAndAValidationErrorAtTheField() throws Exception {
        int version = ops().get("/policy").json().get("version").asInt();
        signIn("ops-admin", "policy");
        browser.waitForText("#pa-policy-meta", "Version " + version + ",");
        browser.waitForText("#pa-policy-history", "ops-admin");
        screenshot("console-policy.png");

        String invalid = "{\"tiers\": []}";
        Api.Reply refused = ops().put("/policy", invalid);
        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        browser.type("#pa-policy", invalid);
        browser.click("#pa-save-policy");
        browser.waitForText("#pa-policy-help", "Field " + refused.text("field") + ": " + refused.text("message"));
        assertThat(ops().get("/policy").json().get("version").asInt()).as("nothing saved").isEqualTo(version);

        // The language switcher: the same page in German, then back.
        browser.script("document.getElementById('pa-language').scrollIntoView()");
        browser.select("#pa-language", "de");
        browser.waitForText("h1", "Richtlinie");
        assertThat(browser.text("#pa-nav-evidence")).isEqualTo("Nachweise");
        browser.select("#pa-language", "en");
        browser.waitForText("h1", "Policy");
    }

    @Test
    void intakeFormCreatesAPartnerAndShowsTheServersRefusalAtTheField() throws Exception {
        ensurePolicy();
        signIn("ops-admin", "partners/new");
        browser.type("#pa-name", "Intake Instruments");
        browser.type("#pa-domains", "not a domain");
        browser.select("#pa-tier", "silver");
        browser.type("#pa-region", "AMER");
        browser.type("#pa-businessOwner", "owner-olivia");
        browser.click("#pa-create");
        browser.waitForText("#pa-domains-help", "is not a well-formed domain name");
        assertThat(ops().get("/partners?region=AMER").json().toString()).doesNotContain("Intake Instruments");

        browser.type("#pa-domains", "intake-instruments.example");
        browser.click("#pa-create");
        browser.waitForText("#pa-partner-name", "Intake Instruments");
        assertThat(browser.text("#pa-partner-profile")).contains("silver", "AMER", "owner-olivia", "intake-instruments.example");
    }

    @Test
    void userWithoutRightsSeesNoAdminPagesAndTheApiRefusesThem() throws Exception {
        signIn("plain-user", "");
        browser.waitForText("#pa-nothing", "Nothing for you here yet");
        for (String page : new String[] {"inbox", "partners", "grants", "policy", "evidence", "me"}) {
            assertThat(browser.has("#pa-nav-" + page)).as(page).isFalse();
        }
        browser.open(console("partners"));
        browser.waitForText("#pa-not-allowed", "Not allowed");
        assertThat(browser.text("#pa-not-allowed")).contains("view-users");
        screenshot("console-not-allowed.png");

        Api plain = as("plain-user");
        for (String path : new String[] {"/partners", "/grants", "/policy", "/evidence", "/evidence/verify", "/evidence/export"}) {
            assertThat(plain.get(path).status()).as(path).isEqualTo(403);
        }
        assertThat(plain.put("/policy", examplePolicy()).status()).isEqualTo(403);
        assertThat(plain.post("/partners", intake("Sneaky", "sneaky.example", "gold", "EMEA")).status()).isEqualTo(403);
    }

    @Test
    void consoleFilesAreServedWithTypesCachingAndNoWayOut() throws Exception {
        HttpResponse<String> index = get(console("partners/some-id"));
        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(index.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
        assertThat(index.body()).contains("<base href=\"/realms/" + realm.getName() + "/partner-access/console/\"")
                .contains("content=\"" + realm.getName() + "\"").contains("partner-access-console");
        String script = index.body().replaceAll("(?s).*src=\"\\./(assets/[^\"]+\\.js)\".*", "$1");
        HttpResponse<String> asset = get(console(script));
        assertThat(asset.statusCode()).isEqualTo(200);
        assertThat(asset.headers().firstValue("Content-Type").orElse("")).startsWith("text/javascript");
        assertThat(asset.headers().firstValue("Cache-Control").orElse("")).contains("max-age=31536000");
        for (String sneaky : new String[] {"assets/missing.js", "assets/..%2F..%2Fdev%2Fpartneraccess%2Frest%2FRest.class",
                "%2e%2e/%2e%2e/META-INF/MANIFEST.MF", "assets/.built", "..%2Fpartner-access-console%2Findex.html"}) {
            HttpResponse<String> refused = get(console(sneaky));
            assertThat(refused.statusCode()).as(sneaky).isIn(400, 404);
            assertThat(refused.body()).as(sneaky).doesNotContain("partneraccess");
        }
    }

    @Test
    void selfServiceRenewalIsForOnesOwnGrantsAndMeListsTheProgrammesOfTheTier() {
        partnerWith("Renew Rivers", "renew-rivers.example", "registered", "EMEA", "lou.lapse", "olga.oob");
        String grant = granted("lou.lapse", 10);
        SelfService lou = new SelfService(urls.getBase(), realm.getName(), Tokens.password(urls.getBase(), realm.getName(), "lou.lapse"));
        SelfService olga = new SelfService(urls.getBase(), realm.getName(), Tokens.password(urls.getBase(), realm.getName(), "olga.oob"));

        JsonNode programmes = lou.get().json().get("programmes");
        List<String> roles = new java.util.ArrayList<>();
        programmes.forEach(p -> roles.add(p.get("role").asText()));
        assertThat(roles).containsExactlyInAnyOrder("deal-registration", AccessRealm.SELF_SERVICE_ROLE);

        ObjectNode body = Api.object();
        body.put("days", 10);
        body.put("justification", "Still registering deals for the spring campaign.");
        assertThat(olga.post("/me/grants/" + grant + "/renew", body).status()).isEqualTo(404);
        long before = evidenceCount();
        Api.Reply bad = lou.post("/me/grants/" + grant + "/renew", Api.object().put("days", 0).put("justification", "x"));
        assertThat(bad.status()).as(bad.toString()).isEqualTo(400);
        assertThat(bad.text("field")).isNotNull();
        assertThat(evidenceCount()).isEqualTo(before);

        Api.Reply renewal = lou.post("/me/grants/" + grant + "/renew", body);
        assertThat(renewal.status()).as(renewal.toString()).isEqualTo(201);
        assertThat(renewal.json().get("type").asText()).isEqualTo("RENEWAL");
        assertThat(stages(renewal.json())).containsExactly(java.util.Map.entry("owner", "PENDING"));
        assertThat(evidence("type=REQUEST_CREATED&subject=" + renewal.json().get("id").asText())).hasSize(1);
    }

    @Test
    void theConsolePageNamesNoAddressTakenFromTheRequestsHostHeader() throws Exception {
        URI console = URI.create(urls.getBase() + "/realms/" + realm.getName() + "/partner-access/console/");
        // Java's HTTP client will not send a Host of its choosing; a plain socket will, as an attacker's would.
        String page;
        try (java.net.Socket socket = new java.net.Socket(console.getHost(), console.getPort())) {
            socket.getOutputStream().write(("GET " + console.getRawPath() + " HTTP/1.1\r\nHost: attacker.example\r\n"
                    + "Connection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            page = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        assertThat(page).startsWith("HTTP/1.1 200").contains("name=\"partner-access-server\"");
        assertThat(page).doesNotContain("attacker.example");
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
