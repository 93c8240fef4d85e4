package dev.partneraccess.bench.login;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.partneraccess.bench.AdminClient;

/**
 * Database statements per operation, stock Keycloak against the product, in one server on the same data: PostgreSQL's
 * {@code pg_stat_statements} counts every statement Keycloak's connections run (user {@code keycloak}), reset before
 * each measured round. Machine speed does not enter; only what the server asks the database.
 *
 * <p>The two realms come from {@code LoginBenchRealm} ({@code bench-stock}: plain Keycloak with Organizations;
 * {@code bench}: wired, every user a partner member holding one grant). This class adds to both a confidential client
 * with a service account, members without any grant, and, on the product's side, a suspended partner whose member is
 * refused at login. Each operation runs once per user to warm the caches, then {@code rounds} times per user measured.
 *
 * <pre>java ... StatementBench --url http://127.0.0.1:8180 --jdbc jdbc:postgresql://127.0.0.1:5432/partner_access_bench
 *     --users 10 --out bench/target/statements-results.md</pre>
 */
public final class StatementBench {

    private static final String STOCK = "bench-stock";
    private static final String OURS = "bench";
    private static final String CLIENT = "bench-portal";
    private static final String SECRET = "bench-portal-secret";
    private static final String REDIRECT = "http://127.0.0.1/bench/callback";
    private static final String SERVICE = "bench-service";
    private static final String SERVICE_SECRET = "bench-service-secret";
    private static final String PASSWORD = "partner";
    private static final Pattern FORM_ACTION = Pattern.compile("<form[^>]*id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"");

    private final AdminClient admin;
    private final String url;
    private final String jdbc;
    private final int users;
    private final int rounds;

    private StatementBench(String url, String jdbc, int users, int rounds) {
        this.admin = new AdminClient(url);
        this.url = url;
        this.jdbc = jdbc;
        this.users = users;
        this.rounds = rounds;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = Options.parse(args);
        StatementBench bench = new StatementBench(options.get("url"), options.get("jdbc"),
                Integer.parseInt(options.getOrDefault("users", "10")), Integer.parseInt(options.getOrDefault("rounds", "2")));
        String report = bench.run();
        Path out = Path.of(options.getOrDefault("out", "bench/target/statements-results.md"));
        Files.writeString(out, report);
        System.out.println(report);
    }

    /** An operation measured on both realms (or on the product's alone when {@code stockToo} is false). */
    private interface Operation {
        void run(String realm, int user) throws Exception;
    }

    /** {@code oursFirst}: the product's side during the warm-up run, each user's first run of the operation. */
    private record Row(String name, String what, boolean hasStock, Map<String, Long> stock, Map<String, Long> ours, int runs,
                       Map<String, Long> oursFirst) {
    }

    /** What one side ran: during the warm-up run (one per user) and during the measured rounds. */
    private record Counts(Map<String, Long> warmUp, Map<String, Long> measured) {
    }

    private String run() throws Exception {
        setUp();
        try (Connection db = DriverManager.getConnection(jdbc, "postgres", "")) {
            try (Statement statement = db.createStatement()) {
                statement.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            }
            Map<String, String> tokens = new LinkedHashMap<>();
            List<Row> rows = new ArrayList<>();
            rows.add(measure(db, "browser login, grant holder", "authorization page, password form, code for tokens",
                    (realm, user) -> tokens.put(realm + user, browserLogin(realm, "partner-" + user, true)), true));
            rows.add(measure(db, "refresh, grant holder", "refresh_token grant with the login's refresh token",
                    (realm, user) -> tokens.put(realm + user, refresh(realm, tokens.get(realm + user))), true));
            rows.add(measure(db, "browser login, member without grants", "the same three requests",
                    (realm, user) -> browserLogin(realm, "plain-" + user, true), true));
            rows.add(measure(db, "client credentials", "a confidential client's service account",
                    (realm, user) -> clientCredentials(realm), true));
            rows.add(measure(db, "wrong password", "the password form refused (Keycloak's own refusal)",
                    (realm, user) -> browserLogin(realm, "partner-" + user, false), true));
            rows.add(measure(db, "login refused by the gate", "a suspended partner's member; the product's side only",
                    (realm, user) -> deniedLogin(realm, "held-" + user), false));
            return report(rows);
        }
    }

    private Row measure(Connection db, String name, String what, Operation operation, boolean stockToo) throws Exception {
        Map<String, Long> stock = stockToo ? measureOn(db, STOCK, operation).measured() : Map.of();
        Counts ours = measureOn(db, OURS, operation);
        return new Row(name, what, stockToo, stock, ours.measured(), users * rounds, ours.warmUp());
    }

    private Counts measureOn(Connection db, String realm, Operation operation) throws Exception {
        // The warm-up is counted too: it is each user's first login of the hour, the one that records the last login.
        settle();
        reset(db);
        for (int user = 0; user < users; user++) {
            operation.run(realm, user);
        }
        settle();
        Map<String, Long> warmUp = read(db);
        reset(db);
        for (int round = 0; round < rounds; round++) {
            for (int user = 0; user < users; user++) {
                operation.run(realm, user);
            }
        }
        settle();
        return new Counts(warmUp, read(db));
    }

    /** Lets requests that finished answering commit what they still had open (e.g. last-use writes after commit). */
    private static void settle() throws InterruptedException {
        Thread.sleep(500);
    }

    private static void reset(Connection db) throws SQLException {
        try (Statement statement = db.createStatement()) {
            statement.execute("SELECT pg_stat_statements_reset()");
        }
    }

    private static Map<String, Long> read(Connection db) throws SQLException {
        Map<String, Long> calls = new TreeMap<>();
        String sql = "SELECT query, calls FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = "
                + "current_database()) AND userid = (SELECT oid FROM pg_roles WHERE rolname = 'keycloak')";
        try (Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                calls.merge(normalise(rows.getString(1)), rows.getLong(2), Long::sum);
            }
        }
        return calls;
    }

    private static String normalise(String query) {
        return query.replaceAll("\\s+", " ").trim();
    }

    // --- set-up -------------------------------------------------------------------------------------------------

    private void setUp() throws Exception {
        for (String realm : List.of(STOCK, OURS)) {
            String api = "/admin/realms/" + realm;
            ObjectNode service = AdminClient.JSON.createObjectNode().put("clientId", SERVICE).put("secret", SERVICE_SECRET)
                    .put("publicClient", false).put("serviceAccountsEnabled", true).put("standardFlowEnabled", false);
            admin.call("POST", api + "/clients", service, 201);
            // Through partial import, as LoginBenchRealm's realm import does, so the attributes that say the agreement
            // and the attestation are done are kept as they are.
            ObjectNode users = AdminClient.JSON.createObjectNode().put("ifResourceExists", "FAIL");
            var list = users.putArray("users");
            for (int i = 0; i < this.users; i++) {
                list.add(user("plain-" + i));
                if (realm.equals(OURS)) {
                    list.add(user("held-" + i));
                }
            }
            admin.call("POST", api + "/partialImport", users, 200);
        }
        // Members without grants: stock side in a plain organization, product side in a partner of its own.
        String stockApi = "/admin/realms/" + STOCK;
        ObjectNode organization = AdminClient.JSON.createObjectNode().put("name", "Plain Members").put("alias", "plain-members");
        organization.putArray("domains").addObject().put("name", "plain.bench.example");
        admin.call("POST", stockApi + "/organizations", organization, 201);
        String organizationId = admin.call("GET", stockApi + "/organizations?search=Plain%20Members", null, 200).get(0).get("id").asText();
        for (int i = 0; i < users; i++) {
            admin.call("POST", stockApi + "/organizations/" + organizationId + "/members",
                    AdminClient.JSON.writeValueAsString(userId(stockApi, "plain-" + i)), 201);
        }
        String ourApi = "/admin/realms/" + OURS + "/partner-access";
        String owner = userId("/admin/realms/" + OURS, "owner");
        String plain = partner(ourApi, "Plain Members", "plain.bench.example", owner);
        String held = partner(ourApi, "Held Partner", "held.bench.example", owner);
        for (int i = 0; i < users; i++) {
            admin.call("POST", ourApi + "/partners/" + plain + "/members", Map.of("username", "plain-" + i), 201);
            admin.call("POST", ourApi + "/partners/" + held + "/members", Map.of("username", "held-" + i), 201);
        }
        admin.call("POST", ourApi + "/partners/" + held + "/suspend", Map.of("reason", "statement bench: a refused login"), 200);
    }

    private static ObjectNode user(String username) {
        ObjectNode user = AdminClient.JSON.createObjectNode().put("username", username).put("enabled", true)
                .put("email", username + "@bench.example").put("emailVerified", true).put("firstName", "Bench").put("lastName", username);
        user.putArray("credentials").addObject().put("type", "password").put("value", PASSWORD).put("temporary", false);
        ObjectNode attributes = user.putObject("attributes");
        attributes.putArray("partner.agreementVersion").add("2026-11");
        attributes.putArray("partner.attestedAt").add(Long.toString(System.currentTimeMillis() / 1000));
        return user;
    }

    private String userId(String api, String username) throws Exception {
        return admin.call("GET", api + "/users?exact=true&username=" + username, null, 200).get(0).get("id").asText();
    }

    private String partner(String api, String name, String domain, String owner) throws Exception {
        ObjectNode intake = AdminClient.JSON.createObjectNode().put("name", name).put("tier", "registered").put("region", "EMEA")
                .put("businessOwner", owner);
        intake.putArray("domains").add(domain);
        return admin.call("POST", api + "/partners", intake, 201).get("id").asText();
    }

    // --- the operations ------------------------------------------------------------------------------------------

    /**
     * A browser's cookie jar, kept by hand: Keycloak marks its login cookies {@code Secure}, which Java's cookie manager
     * never sends over the loopback's plain HTTP, while a browser treats 127.0.0.1 as a secure origin.
     */
    private static final class Browser {
        private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10)).build();
        private final Map<String, String> cookies = new LinkedHashMap<>();

        HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
            if (!cookies.isEmpty()) {
                request.header("Cookie", String.join("; ", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()));
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            for (String set : response.headers().allValues("Set-Cookie")) {
                String pair = set.split(";", 2)[0];
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    cookies.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
                }
            }
            return response;
        }
    }

    private Browser browser() {
        return new Browser();
    }

    /** The three requests of a browser login; answers the refresh token (or null when the form refused the password). */
    private String browserLogin(String realm, String username, boolean rightPassword) throws Exception {
        Browser browser = browser();
        String base = url + "/realms/" + realm + "/protocol/openid-connect";
        String auth = base + "/auth?client_id=" + CLIENT + "&response_type=code&scope=openid&redirect_uri="
                + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8);
        HttpResponse<String> page = browser.send(HttpRequest.newBuilder(URI.create(auth)).GET());
        Matcher action = FORM_ACTION.matcher(page.body());
        if (!action.find()) {
            throw new IllegalStateException("no login form for " + username + " in " + realm + ": " + page.statusCode());
        }
        String form = "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password="
                + (rightPassword ? PASSWORD : "not-" + PASSWORD) + "&credentialId=";
        HttpResponse<String> posted = browser.send(HttpRequest.newBuilder(URI.create(action.group(1).replace("&amp;", "&")))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)));
        if (!rightPassword) {
            expect(posted.statusCode() == 200 && posted.body().contains("kc-form-login"), "a refused password", username, posted);
            return null;
        }
        String location = posted.headers().firstValue("Location").orElse("");
        int code = location.indexOf("code=");
        expect(posted.statusCode() == 302 && code >= 0, "a redirect with a code", username, posted);
        String value = location.substring(code + 5).split("&")[0];
        JsonNode tokens = token(realm, "grant_type=authorization_code&client_id=" + CLIENT + "&client_secret=" + SECRET
                + "&redirect_uri=" + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8) + "&code=" + value);
        return tokens.get("refresh_token").asText();
    }

    private String refresh(String realm, String refreshToken) throws Exception {
        return token(realm, "grant_type=refresh_token&client_id=" + CLIENT + "&client_secret=" + SECRET + "&refresh_token="
                + refreshToken).get("refresh_token").asText();
    }

    private void clientCredentials(String realm) throws Exception {
        token(realm, "grant_type=client_credentials&client_id=" + SERVICE + "&client_secret=" + SERVICE_SECRET);
    }

    private void deniedLogin(String realm, String username) throws Exception {
        Browser browser = browser();
        String auth = url + "/realms/" + realm + "/protocol/openid-connect/auth?client_id=" + CLIENT
                + "&response_type=code&scope=openid&redirect_uri=" + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8);
        HttpResponse<String> page = browser.send(HttpRequest.newBuilder(URI.create(auth)).GET());
        Matcher action = FORM_ACTION.matcher(page.body());
        if (!action.find()) {
            throw new IllegalStateException("no login form in " + realm);
        }
        HttpResponse<String> posted = browser.send(HttpRequest.newBuilder(URI.create(action.group(1).replace("&amp;", "&")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + username + "&password=" + PASSWORD + "&credentialId=")));
        expect(posted.body().contains("partner-access-denied"), "the gate's denial page", username, posted);
    }

    private JsonNode token(String realm, String form) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(url + "/realms/" + realm + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("token endpoint of " + realm + ": " + response.statusCode() + " " + response.body());
        }
        return AdminClient.JSON.readTree(response.body());
    }

    private static void expect(boolean ok, String expected, String username, HttpResponse<String> got) {
        if (!ok) {
            throw new IllegalStateException("expected " + expected + " for " + username + ", got " + got.statusCode() + " "
                    + got.headers().firstValue("Location").orElse("") + " " + got.body().substring(0, Math.min(300, got.body().length())));
        }
    }

    // --- the report ----------------------------------------------------------------------------------------------

    private static long total(Map<String, Long> calls) {
        return calls.values().stream().mapToLong(Long::longValue).sum();
    }

    private static boolean transactionControl(String query) {
        String q = query.toUpperCase(java.util.Locale.ROOT);
        return q.equals("BEGIN") || q.equals("COMMIT") || q.equals("ROLLBACK") || q.startsWith("SET ") || q.startsWith("SHOW ");
    }

    private static Map<String, Long> work(Map<String, Long> calls) {
        Map<String, Long> work = new TreeMap<>(calls);
        work.keySet().removeIf(StatementBench::transactionControl);
        return work;
    }

    private String report(List<Row> rows) {
        StringBuilder out = new StringBuilder();
        out.append("## Database statements per operation (").append(LocalDate.now()).append(")\n\n")
                .append(String.format("PostgreSQL `pg_stat_statements`, statements run by Keycloak's connections per operation, averaged "
                        + "over %d measured runs after one warm-up run per user (%d users). \"work\" leaves out BEGIN, COMMIT, "
                        + "ROLLBACK, SET and SHOW; \"all\" counts them too.%n%n", users * rounds, users))
                .append("| operation | what | stock work | ours work | difference | stock all | ours all |\n")
                .append("|---|---|---:|---:|---:|---:|---:|\n");
        for (Row row : rows) {
            double stockWork = total(work(row.stock())) / (double) row.runs();
            double oursWork = total(work(row.ours())) / (double) row.runs();
            boolean hasStock = row.hasStock();
            out.append(String.format("| %s | %s | %s | %.2f | %s | %s | %.2f |%n", row.name(), row.what(),
                    hasStock ? String.format("%.2f", stockWork) : "-", oursWork,
                    hasStock ? String.format("%+.2f", oursWork - stockWork) : "-",
                    hasStock ? String.format("%.2f", total(row.stock()) / (double) row.runs()) : "-",
                    total(row.ours()) / (double) row.runs()));
        }
        out.append("\nStatements whose count per operation differs between the two sides (per operation; `PA_` tables are the "
                + "product's):\n\n");
        for (Row row : rows) {
            Map<String, Long> stock = work(row.stock());
            Map<String, Long> ours = work(row.ours());
            TreeMap<String, double[]> differing = new TreeMap<>();
            for (String query : union(stock, ours)) {
                double s = stock.getOrDefault(query, 0L) / (double) row.runs();
                double o = ours.getOrDefault(query, 0L) / (double) row.runs();
                if (Math.abs(o - s) >= 0.005 && (row.hasStock() || query.contains("PA_") || query.contains("pa_"))) {
                    differing.put(query, new double[] {s, o});
                }
            }
            out.append("- **").append(row.name()).append("**");
            if (differing.isEmpty()) {
                out.append(": none\n");
                continue;
            }
            out.append(":\n");
            differing.forEach((query, counts) -> out.append(row.hasStock()
                    ? String.format("  - stock %.2f, ours %.2f: `%s`%n", counts[0], counts[1], shorten(query))
                    : String.format("  - ours %.2f: `%s`%n", counts[1], shorten(query))));
        }
        out.append("\nLast-login recording (`PA_LAST_LOGIN`, for the access reviews' recommendations): statements per login on "
                + "the product's side in each user's first run of the operation (the warm-up: the first login of the hour when "
                + "no login of that user was recorded in this hour before, as when statements-bench.sh starts its own server) "
                + "and in the measured runs after it (the same hour: the gate's claim in the single-use store says it is "
                + "recorded already). The warm-up's other statements include cold caches, so only these are compared.\n\n")
                .append("| operation | first login of the hour | later logins |\n|---|---|---|\n");
        for (Row row : rows) {
            if (!row.name().contains("login")) {
                continue;
            }
            out.append("| ").append(row.name()).append(" | ").append(lastLogin(row.oursFirst(), users)).append(" | ")
                    .append(lastLogin(row.ours(), row.runs())).append(" |\n");
        }
        return out.toString();
    }

    /** The PA_LAST_LOGIN statements per run, e.g. "0.00" or "1.00 (update 1.00, insert 1.00)". */
    private static String lastLogin(Map<String, Long> calls, int runs) {
        StringBuilder each = new StringBuilder();
        long total = 0;
        for (Map.Entry<String, Long> entry : calls.entrySet()) {
            String q = entry.getKey().toLowerCase(java.util.Locale.ROOT);
            if (!q.contains("pa_last_login")) {
                continue;
            }
            total += entry.getValue();
            String verb = q.startsWith("update") ? "update" : q.startsWith("insert") ? "insert" : q.startsWith("select") ? "select" : q;
            each.append(each.length() == 0 ? "" : ", ").append(String.format("%s %.2f", verb, entry.getValue() / (double) runs));
        }
        return String.format("%.2f", total / (double) runs) + (each.length() == 0 ? "" : " (" + each + ")");
    }

    private static List<String> union(Map<String, Long> a, Map<String, Long> b) {
        TreeMap<String, Boolean> keys = new TreeMap<>();
        a.keySet().forEach(k -> keys.put(k, true));
        b.keySet().forEach(k -> keys.put(k, true));
        return new ArrayList<>(keys.keySet());
    }

    private static String shorten(String query) {
        return query.length() <= 160 ? query : query.substring(0, 157) + "...";
    }
}
