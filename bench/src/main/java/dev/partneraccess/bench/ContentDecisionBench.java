package dev.partneraccess.bench;

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
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * UMA decisions on released content against stock Keycloak's role policy, in one server (started by
 * content-bench.sh). The realm holds two resource-server clients of the same shape: {@value #OURS}, whose resources
 * are real content packages created and released through the product's API (one scope permission on {@code view}
 * tied to the {@code partner-access-content} policy), and {@value #STOCK}, a twin with as many resources of the same
 * type, scopes and URIs, whose one scope permission on {@code view} is tied to a stock {@code role} policy. The
 * benchmark users are members of an ACTIVE partner and hold that role, so both sides grant every decision. Each
 * client thread sends {@code grant_type=urn:ietf:params:oauth:grant-type:uma-ticket} with {@code response_mode=decision}
 * and a bearer access token taken before the timed loop, for a resource picked at random among its side's.
 */
public final class ContentDecisionBench {

    static final String REALM = "bench-content";
    static final String OURS = "content-library";
    static final String STOCK = "stock-library";
    static final String ROLE = "content-viewer";
    private static final String PASSWORD = "content-user";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private final AdminClient admin;
    private final String url;
    private final String jdbc;
    private final Map<String, String> options;
    private final int packages;
    private final int partners;
    private final int users;
    private final int clients;
    private final int seedThreads;

    private ContentDecisionBench(Map<String, String> options) {
        this.options = options;
        this.url = options.getOrDefault("url", "http://127.0.0.1:8180");
        this.jdbc = options.getOrDefault("jdbc", "jdbc:postgresql://127.0.0.1:5432/partner_access_bench");
        this.admin = new AdminClient(url);
        this.packages = Integer.parseInt(options.getOrDefault("packages", "10000"));
        this.partners = Integer.parseInt(options.getOrDefault("partners", "4"));
        this.users = Integer.parseInt(options.getOrDefault("users", "8"));
        this.clients = Integer.parseInt(options.getOrDefault("clients", "4"));
        this.seedThreads = Integer.parseInt(options.getOrDefault("seed-threads", "6"));
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new java.util.LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unknown argument " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        new ContentDecisionBench(options).run();
    }

    private static String api(String tail) {
        return "/admin/realms/" + REALM + tail;
    }

    private static String pa(String tail) {
        return api("/partner-access" + tail);
    }

    // ---- set-up ---------------------------------------------------------------------------------------------

    private void setUp() throws Exception {
        try {
            admin.call("DELETE", api(""), null, 204);
        } catch (IllegalStateException absent) {
            // a first run: no realm yet
        }
        ObjectNode realm = AdminClient.JSON.createObjectNode();
        realm.put("realm", REALM).put("enabled", true).put("organizationsEnabled", true)
                .put("accessTokenLifespan", 36000).put("ssoSessionIdleTimeout", 36000).put("ssoSessionMaxLifespan", 72000);
        realm.putObject("roles").putArray("realm").addObject().put("name", ROLE);
        ArrayNode list = realm.putArray("users");
        list.addObject().put("username", "owner").put("enabled", true).put("email", "owner@content.example");
        for (int u = 1; u <= users; u++) {
            ObjectNode user = list.addObject().put("username", "viewer-" + u).put("enabled", true)
                    .put("email", "viewer-" + u + "@p" + (1 + u % partners) + ".content.example")
                    .put("firstName", "Viewer").put("lastName", "U" + u).put("emailVerified", true);
            user.putArray("realmRoles").add(ROLE);
            user.putArray("credentials").addObject().put("type", "password").put("value", PASSWORD).put("temporary", false);
        }
        ArrayNode clientList = realm.putArray("clients");
        for (String clientId : List.of(OURS, STOCK)) {
            ObjectNode client = clientList.addObject().put("clientId", clientId).put("publicClient", false)
                    .put("secret", clientId + "-secret").put("serviceAccountsEnabled", true)
                    .put("authorizationServicesEnabled", true);
            client.putArray("redirectUris").add("http://127.0.0.1/*");
        }
        // The users' tokens come from a public client with the full scope, so they carry the realm roles.
        clientList.addObject().put("clientId", "bench-portal").put("publicClient", true).put("directAccessGrantsEnabled", true)
                .put("fullScopeAllowed", true);
        admin.call("POST", "/admin/realms", realm, 201);
        admin.call("PUT", pa("/policy"), """
                {"tiers":[{"name":"registered","rank":1,"maxGrantDays":30,"requiredActions":[]}],
                 "programmes":[],"expiryNoticeDays":[],
                 "content":{"kinds":[{"name":"self-service","stages":[],"maxReleaseDays":365}]}}""", 200);
        String owner = admin.call("GET", api("/users?exact=true&username=owner"), null, 200).get(0).get("id").asText();
        List<String> partnerIds = new ArrayList<>();
        for (int p = 1; p <= partners; p++) {
            partnerIds.add(admin.call("POST", pa("/partners"), "{\"name\":\"Content Partner " + p + "\",\"domains\":[\"p" + p
                    + ".content.example\"],\"tier\":\"registered\",\"region\":\"EMEA\",\"businessOwner\":\"" + owner + "\"}", 201)
                    .get("id").asText());
        }
        for (int u = 1; u <= users; u++) {
            admin.call("POST", pa("/partners/" + partnerIds.get(u % partners) + "/members"), "{\"username\":\"viewer-" + u + "\"}", 201);
        }
        // The clients' default resource, policy and permission, which Keycloak adds to every new resource server,
        // go on both sides: each side is then its own content only.
        for (String clientId : List.of(OURS, STOCK)) {
            String authz = authz(clientId);
            for (JsonNode policy : admin.call("GET", authz + "/policy?max=-1", null, 200)) {
                deleteIfThere(authz + "/policy/" + policy.get("id").asText());
            }
            for (JsonNode resource : admin.call("GET", authz + "/resource?max=-1", null, 200)) {
                deleteIfThere(authz + "/resource/" + resource.get("_id").asText());
            }
        }

        long started = System.nanoTime();
        String[] ours = new String[packages];
        parallel(packages, i -> {
            String name = "Package " + i;
            JsonNode created = admin.call("POST", pa("/content"), "{\"name\":\"" + name + "\",\"kind\":\"self-service\",\"client\":\""
                    + OURS + "\",\"uri\":\"https://assets.content.example/package-" + i + "\",\"owner\":\"" + owner
                    + "\",\"minTier\":\"registered\",\"regions\":[\"EMEA\"],\"days\":365}", 201);
            JsonNode submitted = admin.call("POST", pa("/content/" + created.get("id").asText() + "/submit"), null, 200);
            if (!"RELEASED".equals(submitted.get("status").asText())) {
                throw new IllegalStateException("package " + name + " is " + submitted.get("status") + " after submit");
            }
            ours[i] = created.get("resourceId").asText();
        });
        double oursSeconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("  %,d packages created and released through the product API in %.0f s (%.0f/s)%n", packages,
                oursSeconds, packages / oursSeconds);

        twin(ours, oursSeconds);
    }

    /**
     * The twin: the same scopes, resources of the same type with a URI, created through Keycloak's own
     * Authorization admin API, then one scope permission on view tied to a stock role policy; writes both id lists.
     */
    private void twin(String[] ours, double oursSeconds) throws Exception {
        int packages = ours.length;
        long started = System.nanoTime();
        String stockAuthz = authz(STOCK);
        for (String scope : List.of("view", "edit")) {
            admin.call("POST", stockAuthz + "/scope", "{\"name\":\"" + scope + "\"}", 201);
        }
        String[] stock = new String[packages];
        parallel(packages, i -> {
            String name = "Package " + i;
            stock[i] = admin.call("POST", stockAuthz + "/resource", "{\"name\":\"" + name + "\",\"displayName\":\"" + name
                    + "\",\"type\":\"partner-content\",\"uris\":[\"https://assets.content.example/package-" + i
                    + "\"],\"scopes\":[{\"name\":\"view\"},{\"name\":\"edit\"}]}", 201).get("_id").asText();
        });
        String rolePolicy = admin.call("POST", stockAuthz + "/policy/role", "{\"name\":\"stock-content-viewer\",\"logic\":\"POSITIVE\","
                + "\"decisionStrategy\":\"UNANIMOUS\",\"roles\":[{\"id\":\"" + roleId() + "\",\"required\":false}]}", 201)
                .get("id").asText();
        ObjectNode permission = AdminClient.JSON.createObjectNode();
        permission.put("name", "stock-content-view").put("logic", "POSITIVE").put("decisionStrategy", "UNANIMOUS");
        permission.putArray("scopes").add("view");
        permission.putArray("policies").add(rolePolicy);
        ArrayNode resources = permission.putArray("resources");
        Arrays.stream(stock).forEach(resources::add);
        admin.call("POST", stockAuthz + "/permission/scope", permission, 201);
        double stockSeconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("  %,d twin resources and their role permission created through Keycloak's API in %.0f s%n", packages,
                stockSeconds);
        Files.write(Path.of(options.get("ids")), List.of(String.join(",", ours), String.join(",", stock)));
        seedLine = String.format("%,d packages created and released through the product API (%d threads) in %.0f s; the"
                + " twin's %,d resources and its permission in %.0f s", packages, seedThreads, oursSeconds, packages, stockSeconds);
    }

    private String seedLine = "";

    /** Deleting a policy can take its permission with it: a second delete may find nothing. */
    private void deleteIfThere(String path) throws IOException, InterruptedException {
        try {
            admin.call("DELETE", path, null, 204);
        } catch (IllegalStateException gone) {
            if (!gone.getMessage().contains("got 404")) {
                throw gone;
            }
        }
    }

    private String roleId() throws IOException, InterruptedException {
        return admin.call("GET", api("/roles/" + ROLE), null, 200).get("id").asText();
    }

    private String authz(String clientId) throws IOException, InterruptedException {
        String id = admin.call("GET", api("/clients?clientId=" + clientId), null, 200).get(0).get("id").asText();
        return api("/clients/" + id + "/authz/resource-server");
    }

    private interface Task {
        void run(int i) throws Exception;
    }

    private void parallel(int count, Task task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(seedThreads);
        AtomicInteger next = new AtomicInteger();
        List<Future<Void>> futures = new ArrayList<>();
        for (int t = 0; t < seedThreads; t++) {
            futures.add(pool.submit((Callable<Void>) () -> {
                for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                    task.run(i);
                }
                return null;
            }));
        }
        try {
            for (Future<Void> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- decisions ------------------------------------------------------------------------------------------

    private String userToken(int u) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/realms/" + REALM
                        + "/protocol/openid-connect/token")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=bench-portal&username=viewer-" + u
                        + "&password=" + PASSWORD)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("login of viewer-" + u + " failed: " + response.body());
        }
        return AdminClient.JSON.readTree(response.body()).get("access_token").asText();
    }

    private static final String UMA = URLEncoder.encode("urn:ietf:params:oauth:grant-type:uma-ticket", StandardCharsets.UTF_8);

    /**
     * One decision; fails unless Keycloak answers 200 with {"result":true}. A decision changes nothing, so one that
     * meets a kept-alive connection the server has just closed is sent once more on a new one.
     */
    private void decide(String token, String audience, String resource) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/realms/" + REALM
                        + "/protocol/openid-connect/token")).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=" + UMA + "&audience=" + audience + "&permission="
                        + resource + "%23view&response_mode=decision")).build();
        HttpResponse<String> response;
        try {
            response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException closed) {
            response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        }
        if (response.statusCode() != 200 || !response.body().contains("\"result\":true")) {
            String payload = new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
            throw new IllegalStateException(audience + " refused " + resource + "#view: " + response.statusCode() + " "
                    + response.body() + "; the token's realm_access: " + AdminClient.JSON.readTree(payload).get("realm_access"));
        }
    }

    /** What one side did in one timed run. */
    record Run(String side, int round, long decisions, double seconds, long[] latenciesMicros) {
        double rate() {
            return decisions / seconds;
        }

        double percentile(double p) {
            if (latenciesMicros.length == 0) {
                return 0;
            }
            int index = (int) Math.ceil(p / 100.0 * latenciesMicros.length) - 1;
            return latenciesMicros[Math.max(0, Math.min(index, latenciesMicros.length - 1))] / 1000.0;
        }
    }

    private Run drive(String side, int round, String[] tokens, String[] resources, double seconds) throws Exception {
        String audience = side.equals("ours") ? OURS : STOCK;
        // When each run starts, so a flight recording of the server can be cut into the two sides.
        System.out.printf("  %s: %s run %d starts (%.0f s)%n", java.time.Instant.now(), side, round, seconds);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long end = System.nanoTime() + (long) (seconds * 1e9);
        long start = System.nanoTime();
        List<Future<long[]>> futures = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            String token = tokens[c % tokens.length];
            futures.add(pool.submit(() -> {
                long[] times = new long[1 << 12];
                int n = 0;
                ThreadLocalRandom random = ThreadLocalRandom.current();
                while (System.nanoTime() < end) {
                    String resource = resources[random.nextInt(resources.length)];
                    long t0 = System.nanoTime();
                    decide(token, audience, resource);
                    if (n == times.length) {
                        times = Arrays.copyOf(times, n * 2);
                    }
                    times[n++] = (System.nanoTime() - t0) / 1000;
                }
                return Arrays.copyOf(times, n);
            }));
        }
        List<long[]> all = new ArrayList<>();
        try {
            for (Future<long[]> future : futures) {
                all.add(future.get());
            }
        } finally {
            pool.shutdownNow();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        long[] latencies = all.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        return new Run(side, round, latencies.length, elapsed, latencies);
    }

    private double statementsPerDecision(Connection db, String side, String token, String[] resources, int count)
            throws Exception {
        String audience = side.equals("ours") ? OURS : STOCK;
        try (Statement statement = db.createStatement()) {
            statement.execute("SELECT pg_stat_statements_reset()");
        }
        for (int i = 0; i < count; i++) {
            decide(token, audience, resources[ThreadLocalRandom.current().nextInt(resources.length)]);
        }
        Thread.sleep(500);
        String sql = "SELECT coalesce(sum(calls), 0) FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database"
                + " WHERE datname = current_database()) AND userid = (SELECT oid FROM pg_roles WHERE rolname = 'keycloak')"
                + " AND upper(query) NOT IN ('BEGIN', 'COMMIT', 'ROLLBACK') AND upper(query) NOT LIKE 'SET %'"
                + " AND upper(query) NOT LIKE 'SHOW %'";
        try (Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1) / (double) count;
        }
    }

    private String topStatements(Connection db) throws Exception {
        StringBuilder out = new StringBuilder();
        String sql = "SELECT calls, left(regexp_replace(query, '\\s+', ' ', 'g'), 140) FROM pg_stat_statements WHERE dbid ="
                + " (SELECT oid FROM pg_database WHERE datname = current_database()) AND userid = (SELECT oid FROM pg_roles"
                + " WHERE rolname = 'keycloak') AND upper(query) NOT IN ('BEGIN', 'COMMIT', 'ROLLBACK') AND upper(query)"
                + " NOT LIKE 'SET %' AND upper(query) NOT LIKE 'SHOW %' ORDER BY calls DESC LIMIT 6";
        try (Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                out.append("  - ").append(rows.getLong(1)).append(": `").append(rows.getString(2)).append("`\n");
            }
        }
        return out.toString();
    }

    private void run() throws Exception {
        Path ids = Path.of(options.get("ids"));
        if (options.containsKey("released")) {
            // The packages are there already (released through the API by an interrupted set-up): only the twin.
            twin(Files.readAllLines(Path.of(options.get("released"))).stream().filter(l -> !l.isBlank()).toArray(String[]::new), 0);
        } else if (!"1".equals(options.get("reuse")) || !Files.exists(ids)) {
            setUp();
        }
        List<String> lines = Files.readAllLines(ids);
        String[] ours = lines.get(0).split(",");
        String[] stock = lines.get(1).split(",");
        int rounds = Integer.parseInt(options.getOrDefault("rounds", "3"));
        double seconds = Double.parseDouble(options.getOrDefault("seconds", "20"));
        double warmup = Double.parseDouble(options.getOrDefault("warmup", "20"));
        int counted = Integer.parseInt(options.getOrDefault("counted", "500"));
        String[] tokens = new String[Math.min(users, clients)];
        for (int c = 0; c < tokens.length; c++) {
            tokens[c] = userToken(1 + c);
        }
        System.out.printf("  warm-up: %.0f s per side, twice%n", warmup);
        for (int w = 0; w < 2; w++) {
            drive("ours", 0, tokens, ours, warmup / 2);
            drive("stock", 0, tokens, stock, warmup / 2);
        }
        List<Run> runs = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            List<String> order = round % 2 == 1 ? List.of("ours", "stock") : List.of("stock", "ours");
            for (String side : order) {
                Run run = drive(side, round, tokens, side.equals("ours") ? ours : stock, seconds);
                runs.add(run);
                System.out.printf("  round %d %-5s: %7.1f decisions/s, p50 %.1f ms, p95 %.1f ms, p99 %.1f ms%n", round, side,
                        run.rate(), run.percentile(50), run.percentile(95), run.percentile(99));
            }
        }
        double oursStatements;
        double stockStatements;
        String oursTop;
        String stockTop;
        try (Connection db = DriverManager.getConnection(jdbc, "postgres", "")) {
            try (Statement statement = db.createStatement()) {
                statement.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            }
            oursStatements = statementsPerDecision(db, "ours", tokens[0], ours, counted);
            oursTop = topStatements(db);
            stockStatements = statementsPerDecision(db, "stock", tokens[0], stock, counted);
            stockTop = topStatements(db);
        }
        report(runs, rounds, seconds, warmup, counted, oursStatements, stockStatements, oursTop, stockTop, ours.length);
    }

    private void report(List<Run> runs, int rounds, double seconds, double warmup, int counted, double oursStatements,
            double stockStatements, String oursTop, String stockTop, int size) throws IOException {
        StringBuilder md = new StringBuilder();
        md.append(String.format("# Content decisions, %s, %d cores, PostgreSQL, %,d released packages%n%n",
                LocalDate.now(ZoneOffset.UTC), Runtime.getRuntime().availableProcessors(), size));
        if (!seedLine.isEmpty()) {
            md.append("Seeding: ").append(seedLine).append(".\n\n");
        }
        md.append(String.format("%d concurrent clients, %d rounds of %.0f s per side after a %.0f s warm-up, alternating"
                + " which side goes first; every decision must answer 200 `{\"result\":true}`.%n%n", clients, rounds, seconds, warmup));
        md.append("| round | side | decisions/s | p50 | p95 | p99 | ratio ours/stock |\n|---|---|---|---|---|---|---|\n");
        List<Double> ratios = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            int r = round;
            Run o = runs.stream().filter(x -> x.round() == r && x.side().equals("ours")).findFirst().orElseThrow();
            Run s = runs.stream().filter(x -> x.round() == r && x.side().equals("stock")).findFirst().orElseThrow();
            double ratio = o.rate() / s.rate();
            ratios.add(ratio);
            for (Run x : List.of(o, s)) {
                md.append(String.format("| %d | %s | %.1f | %.1f ms | %.1f ms | %.1f ms | %s |%n", r, x.side(), x.rate(),
                        x.percentile(50), x.percentile(95), x.percentile(99), x == o ? String.format("%.3f", ratio) : ""));
            }
        }
        Run oursAll = pooled(runs, "ours");
        Run stockAll = pooled(runs, "stock");
        List<Double> sorted = ratios.stream().sorted().toList();
        double median = sorted.get(sorted.size() / 2);
        md.append(String.format("| all | ours | %.1f | %.1f ms | %.1f ms | %.1f ms | %.3f (pooled), %.3f (median of rounds) |%n",
                oursAll.rate(), oursAll.percentile(50), oursAll.percentile(95), oursAll.percentile(99),
                oursAll.rate() / stockAll.rate(), median));
        md.append(String.format("| all | stock | %.1f | %.1f ms | %.1f ms | %.1f ms | |%n%n", stockAll.rate(),
                stockAll.percentile(50), stockAll.percentile(95), stockAll.percentile(99)));
        md.append(String.format("Database statements per decision (pg_stat_statements, %d sequential decisions each, BEGIN,"
                + " COMMIT, SET and SHOW left out): ours %.2f, stock %.2f.%n%n", counted, oursStatements, stockStatements));
        md.append("Statements with the most calls, ours:\n\n").append(oursTop).append("\nStock:\n\n").append(stockTop);
        Files.writeString(Path.of(options.get("out")), md.toString());
        System.out.print(md);
    }

    private static Run pooled(List<Run> runs, String side) {
        List<Run> mine = runs.stream().filter(r -> r.side().equals(side)).toList();
        long decisions = mine.stream().mapToLong(Run::decisions).sum();
        double seconds = mine.stream().mapToDouble(Run::seconds).sum();
        long[] latencies = mine.stream().flatMapToLong(r -> Arrays.stream(r.latenciesMicros())).sorted().toArray();
        return new Run(side, 0, decisions, seconds, latencies);
    }
}
