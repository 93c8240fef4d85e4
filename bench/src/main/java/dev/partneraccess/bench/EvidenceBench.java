package dev.partneraccess.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
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
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.partneraccess.core.evidence.EvidenceRecord;

/**
 * Measures the evidence ledger of a running Keycloak (started by evidence-bench.sh): appends per second from
 * concurrent writers through the admin API, then verify and export throughput and heap at growing ledger sizes.
 * The large ledgers are seeded straight into PostgreSQL over JDBC, following the same chain rules, which is much
 * faster than producing them through the API and makes no difference to what verify and export have to read.
 */
public final class EvidenceBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final String REALM = "bench-evidence";
    private static final String STORM_CLIENT = "storm-app";
    private static final String STORM_PASSWORD = "storm-password";

    private final String url;
    private final String metricsUrl;
    private final String jdbc;
    private String token;
    private long tokenAt;
    private final List<String> rows = new ArrayList<>();
    private int stormUsers;

    private EvidenceBench(String url, String metricsUrl, String jdbc) {
        this.url = url;
        this.metricsUrl = metricsUrl;
        this.jdbc = jdbc;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        EvidenceBench bench = new EvidenceBench(options.getOrDefault("url", "http://127.0.0.1:8180"),
                options.getOrDefault("metrics", "http://127.0.0.1:9100/metrics"),
                options.getOrDefault("jdbc", "jdbc:postgresql://127.0.0.1:5432/partner_access_bench"));
        int writers = Integer.parseInt(options.getOrDefault("writers", "4"));
        int appends = Integer.parseInt(options.getOrDefault("appends", "2000"));
        bench.stormUsers = Integer.parseInt(options.getOrDefault("storm-users", "0"));
        List<Long> sizes = Arrays.stream(options.getOrDefault("sizes", "100000,1000000").split(",")).map(Long::parseLong).toList();
        bench.run(writers, appends, sizes, Path.of(options.getOrDefault("out", "target/evidence-results.md")));
    }

    private void run(int writers, int appends, List<Long> sizes, Path out) throws Exception {
        setUpRealm();
        List<String> partners = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            partners.add(createPartner(i));
        }
        appends(partners, appends);
        // The first appends after a start run in a cold JVM; the append path keeps getting faster for several thousand
        // more, so the steady state is measured after a warm-up that is not counted.
        ledgerAppends(1, appends, "first appends after start");
        ledgerAppends(partners.size(), appends * 2, null);
        ledgerAppends(1, appends * 4, "after a warm-up");
        ledgerAppends(partners.size(), appends * 4, "after a warm-up");
        if (stormUsers > 0) {
            loginStorm(partners.size(), appends * 4, stormUsers);
        }
        String realmId = call("GET", "/admin/realms/" + REALM, null).json().get("id").asText();
        for (long size : sizes) {
            seedTo(realmId, partners.get(0), size);
            readBack(size, "first run");
            readBack(size, "second run");
        }
        String table = "| measurement | size and time | rate | notes |\n|---|---|---|---|\n" + String.join("\n", rows) + "\n";
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, table);
        System.out.println(table);
    }

    private void setUpRealm() throws Exception {
        if (call("GET", "/admin/realms/" + REALM, null).status == 200) {
            call("DELETE", "/admin/realms/" + REALM, null);
        }
        String realm = "{\"realm\":\"" + REALM + "\",\"enabled\":true,\"organizationsEnabled\":true,"
                + "\"users\":[{\"username\":\"owner\",\"enabled\":true}]}";
        expect(call("POST", "/admin/realms", realm), 201);
        expect(call("PUT", api("/policy"), "{\"tiers\":[{\"name\":\"gold\",\"rank\":1,\"maxGrantDays\":30}]}"), 200);
    }

    private String createPartner(int i) throws Exception {
        String owner = call("GET", "/admin/realms/" + REALM + "/users?username=owner&exact=true", null).json().get(0).get("id").asText();
        String body = "{\"name\":\"Bench " + i + "\",\"domains\":[\"bench-" + i + ".example\"],\"tier\":\"gold\","
                + "\"region\":\"EMEA\",\"businessOwner\":\"" + owner + "\"}";
        Reply reply = call("POST", api("/partners"), body);
        expect(reply, 201);
        return reply.json().get("id").asText();
    }

    /** Each writer changes its own partner's region: one PARTNER_UPDATED record per call, all on one chain. */
    private void appends(List<String> partners, int total) throws Exception {
        int perWriter = total / partners.size();
        token();
        ExecutorService pool = Executors.newFixedThreadPool(partners.size());
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int w = 0; w < partners.size(); w++) {
            String partner = partners.get(w);
            int writer = w;
            futures.add(pool.submit(() -> {
                for (int i = 0; i < perWriter; i++) {
                    long t0 = System.nanoTime();
                    Reply reply = call("PUT", api("/partners/" + partner), "{\"region\":\"R" + writer + "-" + i + "\"}");
                    latencies.add(System.nanoTime() - t0);
                    expect(reply, 200);
                }
                return null;
            }));
        }
        for (Future<?> future : futures) {
            future.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        JsonNode verify = call("GET", api("/evidence/verify"), null).json();
        rows.add("| appends through `PUT /partners/{id}`, " + partners.size() + " concurrent writers | "
                + perWriter * partners.size() + " records in " + String.format("%.1f s", seconds) + " | **"
                + String.format("%.0f appends/s", perWriter * partners.size() / seconds) + "** | p50 "
                + ms(sorted, 0.50) + ", p95 " + ms(sorted, 0.95) + ", p99 " + ms(sorted, 0.99) + "; chain valid: "
                + verify.get("valid").asBoolean() + " |");
    }

    /**
     * Ledger appends alone, through the bench-only endpoint: each append is its own transaction. A run without a
     * {@code note} is a warm-up: checked, not reported.
     */
    private double ledgerAppends(int writers, int total, String note) throws Exception {
        return ledgerAppends(writers, total, note, false);
    }

    /** {@code othersWrite}: other records (a login storm's) may land in the chain meanwhile. */
    private double ledgerAppends(int writers, int total, String note, boolean othersWrite) throws Exception {
        int batch = 50;
        int batchesPerWriter = Math.max(1, total / writers / batch);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        long before = call("GET", api("/evidence/verify"), null).json().get("records").asLong();
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            futures.add(pool.submit(() -> {
                for (int i = 0; i < batchesPerWriter; i++) {
                    expect(call("POST", "/realms/" + REALM + "/partner-access-bench/append?n=" + batch, ""), 204);
                }
                return null;
            }));
        }
        for (Future<?> future : futures) {
            future.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        long appended = (long) writers * batchesPerWriter * batch;
        JsonNode verify = call("GET", api("/evidence/verify"), null).json();
        long records = verify.get("records").asLong();
        if ((othersWrite ? records < before + appended : records != before + appended) || !verify.get("valid").asBoolean()) {
            throw new IllegalStateException("ledger appends: " + verify);
        }
        if (note != null) {
            rows.add(String.format("| ledger appends alone, %d concurrent writer%s (one transaction each), %s | %d records in %.1f s | **%,.0f appends/s** | chain valid: true |",
                    writers, writers == 1 ? "" : "s", note, appended, seconds, appended / seconds));
        }
        return appended / seconds;
    }

    /**
     * The writers' rate beside a login storm: {@code users} members of a suspended partner retry the direct grant as
     * fast as they can, first with a wrong password (Keycloak refuses them, no evidence: the control, with the same
     * password-hashing cost), then with the right one (the gate refuses them and may write LOGIN_DENIED). Each run
     * is measured against a quiet run right before it, so the JVM's warm-up does not count.
     */
    private void loginStorm(int writers, int total, int users) throws Exception {
        List<String> usernames = setUpStorm(users);
        String type = "/evidence?type=LOGIN_DENIED&max=1000";
        for (boolean rightPassword : new boolean[] {false, true}) {
            double quiet = ledgerAppends(writers, total, null);
            int deniedBefore = call("GET", api(type), null).json().size();
            double stormy;
            long refused;
            long unexpected;
            double stormSeconds;
            try (LoginStorm storm = new LoginStorm(url, REALM, STORM_CLIENT, usernames, rightPassword ? STORM_PASSWORD : "wrong-" + STORM_PASSWORD)) {
                Thread.sleep(2000);
                long refusedBefore = storm.refused();
                long started = System.nanoTime();
                stormy = ledgerAppends(writers, total, null, true);
                stormSeconds = (System.nanoTime() - started) / 1e9;
                refused = storm.refused() - refusedBefore;
                unexpected = storm.unexpected();
            }
            if (unexpected > 0) {
                throw new IllegalStateException("login storm: " + unexpected + " logins were not refused");
            }
            int denied = call("GET", api(type), null).json().size() - deniedBefore;
            // On a small machine the storm's password hashing takes CPU from everything; what the ledger adds shows as
            // appends lost per refused login, compared with the control.
            rows.add(String.format("| ledger appends, %d writers, beside %d users retrying %s | %,.0f appends/s quiet, %,.0f beside the storm | **%.2f of quiet** | %,d logins refused (%.2f appends/s lost per refused login/s); %d LOGIN_DENIED written |",
                    writers, users, rightPassword ? "logins the gate denies (suspended partner)" : "a wrong password (control: Keycloak refuses, no evidence)",
                    quiet, stormy, stormy / quiet, refused, (quiet - stormy) / (refused / stormSeconds), denied));
        }
    }

    /** A suspended partner with {@code users} members and a public client whose direct grant runs the gate. */
    private List<String> setUpStorm(int users) throws Exception {
        String realmPath = "/admin/realms/" + REALM;
        expect(call("POST", realmPath + "/authentication/flows/direct%20grant/copy", "{\"newName\":\"storm direct grant\"}"), 201);
        expect(call("POST", realmPath + "/authentication/flows/storm%20direct%20grant/executions/execution",
                "{\"provider\":\"partner-access-gate\"}"), 201);
        for (JsonNode execution : call("GET", realmPath + "/authentication/flows/storm%20direct%20grant/executions", null).json()) {
            if ("partner-access-gate".equals(execution.path("providerId").asText())) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) execution).put("requirement", "REQUIRED");
                expect(call("PUT", realmPath + "/authentication/flows/storm%20direct%20grant/executions", execution.toString()), 204);
            }
        }
        expect(call("POST", realmPath + "/clients", "{\"clientId\":\"" + STORM_CLIENT + "\",\"publicClient\":true,"
                + "\"directAccessGrantsEnabled\":true,\"authenticationFlowBindingOverrides\":{\"direct_grant\":\""
                + flowId("storm direct grant") + "\"}}"), 201);
        String partner = createPartner(9999);
        List<String> usernames = new ArrayList<>();
        for (int i = 0; i < users; i++) {
            String username = "storm-" + i;
            expect(call("POST", realmPath + "/users", "{\"username\":\"" + username + "\",\"enabled\":true,"
                    + "\"credentials\":[{\"type\":\"password\",\"value\":\"" + STORM_PASSWORD + "\",\"temporary\":false}]}"), 201);
            expect(call("POST", api("/partners/" + partner + "/members"), "{\"username\":\"" + username + "\"}"), 201);
            usernames.add(username);
        }
        expect(call("POST", api("/partners/" + partner + "/suspend"), "{\"reason\":\"Login storm bench.\"}"), 200);
        return usernames;
    }

    private String flowId(String alias) throws Exception {
        for (JsonNode flow : call("GET", "/admin/realms/" + REALM + "/authentication/flows", null).json()) {
            if (alias.equals(flow.path("alias").asText())) {
                return flow.get("id").asText();
            }
        }
        throw new IllegalStateException("no flow " + alias);
    }

    private static String ms(List<Long> sorted, double quantile) {
        return String.format("%.1f ms", sorted.get((int) Math.min(sorted.size() - 1, Math.floor(quantile * sorted.size()))) / 1e6);
    }

    /** Appends seeded records until the realm's chain holds {@code size} records, in the chain's own rules. */
    private void seedTo(String realmId, String partner, long size) throws Exception {
        try (Connection db = DriverManager.getConnection(jdbc, "keycloak", "keycloak")) {
            db.setAutoCommit(false);
            long seq;
            String prev;
            try (PreparedStatement head = db.prepareStatement("SELECT LAST_SEQ, LAST_HASH FROM PA_EVIDENCE_HEAD WHERE REALM_ID = ? FOR UPDATE")) {
                head.setString(1, realmId);
                try (ResultSet row = head.executeQuery()) {
                    row.next();
                    seq = row.getLong(1);
                    prev = row.getString(2);
                }
            }
            long start = System.nanoTime();
            long first = seq;
            try (PreparedStatement insert = db.prepareStatement("INSERT INTO PA_EVIDENCE (ID, REALM_ID, SEQ, EVENT_TIME, TYPE, ACTOR,"
                    + " SUBJECT, PARTNER_ID, DETAILS, PREV_HASH, HASH) VALUES (?,?,?,?,?,?,?,?,?,?,?)")) {
                long time = System.currentTimeMillis();
                while (seq < size) {
                    seq++;
                    String details = "{\"actorUsername\":\"bench\",\"changes\":{\"region\":{\"new\":\"S" + seq + "\",\"old\":\"S" + (seq - 1) + "\"}},\"policyVersion\":1}";
                    String hash = EvidenceRecord.hash(prev, EvidenceRecord.canonical(seq, time, "PARTNER_UPDATED", "bench", partner, partner, details));
                    insert.setString(1, UUID.randomUUID().toString());
                    insert.setString(2, realmId);
                    insert.setLong(3, seq);
                    insert.setLong(4, time);
                    insert.setString(5, "PARTNER_UPDATED");
                    insert.setString(6, "bench");
                    insert.setString(7, partner);
                    insert.setString(8, partner);
                    insert.setString(9, details);
                    insert.setString(10, prev);
                    insert.setString(11, hash);
                    insert.addBatch();
                    prev = hash;
                    if (seq % 5000 == 0) {
                        insert.executeBatch();
                    }
                }
                insert.executeBatch();
            }
            try (PreparedStatement head = db.prepareStatement("UPDATE PA_EVIDENCE_HEAD SET LAST_SEQ = ?, LAST_HASH = ? WHERE REALM_ID = ?")) {
                head.setLong(1, seq);
                head.setString(2, prev);
                head.setString(3, realmId);
                head.executeUpdate();
            }
            db.commit();
            try (PreparedStatement analyze = db.prepareStatement("ANALYZE PA_EVIDENCE")) {
                analyze.execute();
            }
            System.out.printf("seeded %d records over JDBC in %.1f s%n", seq - first, (System.nanoTime() - start) / 1e9);
        }
    }

    private void readBack(long size, String run) throws Exception {
        HeapWatch heap = new HeapWatch();
        heap.start();
        long start = System.nanoTime();
        JsonNode verify = call("GET", api("/evidence/verify"), null).json();
        double verifySeconds = (System.nanoTime() - start) / 1e9;
        long verifyHeap = heap.finish();
        if (!verify.get("valid").asBoolean() || verify.get("records").asLong() != size) {
            throw new IllegalStateException("unexpected verify answer at " + size + ": " + verify);
        }

        heap = new HeapWatch();
        heap.start();
        start = System.nanoTime();
        long lines = 0;
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + api("/evidence/export")))
                .header("Authorization", "Bearer " + token()).timeout(Duration.ofMinutes(30)).GET().build();
        HttpResponse<java.io.InputStream> response = HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            while (reader.readLine() != null) {
                lines++;
            }
        }
        double exportSeconds = (System.nanoTime() - start) / 1e9;
        long exportHeap = heap.finish();
        if (lines != size) {
            throw new IllegalStateException("export gave " + lines + " lines, expected " + size);
        }
        rows.add(String.format("| verify over %,d records (%s) | %.1f s | **%,.0f records/s** | heap used peak %d MiB |",
                size, run, verifySeconds, size / verifySeconds, verifyHeap >> 20));
        rows.add(String.format("| export over %,d records (%s) | %.1f s | **%,.0f records/s** | heap used peak %d MiB (idle before: %d MiB) |",
                size, run, exportSeconds, size / exportSeconds, exportHeap >> 20, heap.idle >> 20));
    }

    /** Samples the server's heap use from its metrics endpoint while a read runs. */
    private final class HeapWatch extends Thread {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicLong peak = new AtomicLong();
        private long idle;

        HeapWatch() {
            setDaemon(true);
            idle = heapUsed();
        }

        @Override
        public void run() {
            while (running.get()) {
                peak.accumulateAndGet(heapUsed(), Math::max);
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        long finish() throws InterruptedException {
            running.set(false);
            join();
            return peak.get();
        }
    }

    private long heapUsed() {
        try {
            return AdminClient.heapUsed(metricsUrl);
        } catch (IOException | InterruptedException e) {
            return 0;
        }
    }

    private static String api(String path) {
        return "/admin/realms/" + REALM + "/partner-access" + path;
    }

    private synchronized String token() throws IOException, InterruptedException {
        if (token == null || System.currentTimeMillis() - tokenAt > 30_000) {
            String form = "grant_type=password&client_id=admin-cli&username=admin&password=" + URLEncoder.encode("admin", StandardCharsets.UTF_8);
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/realms/master/protocol/openid-connect/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            token = JSON.readTree(response.body()).get("access_token").asText();
            tokenAt = System.currentTimeMillis();
        }
        return token;
    }

    private Reply call(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofMinutes(30))
                .header("Authorization", "Bearer " + token())
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.body());
    }

    private static void expect(Reply reply, int status) {
        if (reply.status != status) {
            throw new IllegalStateException("expected " + status + ", got " + reply.status + ": " + reply.body);
        }
    }

    private record Reply(int status, String body) {
        JsonNode json() throws IOException {
            return JSON.readTree(body);
        }
    }
}
