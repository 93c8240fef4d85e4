package dev.partneraccess.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Two Keycloak nodes in one cluster on a shared PostgreSQL, each firing the expiry sweep every few seconds: over
 * several intervals the sweep runs on exactly one node per interval, and every expired grant is expired once. A policy
 * saved on one node holds on the other at once, though each keeps the version it parsed.
 * Runs with {@code -Ddb=postgres} (the database {@code partner_access_cluster}, owned by {@code keycloak}, must exist).
 */
class ClusterSweepIT {

    private static final int INTERVAL = 5;
    private static final int GRANTS = 12;
    private static final Pattern RUN = Pattern.compile(
            "^(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d,\\d{3}).*partner-access-expiry-sweep: running on", Pattern.MULTILINE);
    private static final DateTimeFormatter LOG_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS");

    @Test
    void theSweepRunsOnOneNodePerIntervalAndExpiresEveryGrantOnce() throws Exception {
        String dbUrl = System.getProperty("partner-access.cluster.db.url", "");
        Assumptions.assumeTrue(!dbUrl.isBlank() && "postgres".equals(System.getProperty("partner-access.db")),
                "needs PostgreSQL (-Ddb=postgres) and the database partner_access_cluster");
        resetSchema(dbUrl);

        Path work = Path.of("target", "cluster").toAbsolutePath();
        if (Files.exists(work)) {
            try (var files = Files.walk(work)) {
                files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(java.io.File::delete);
            }
        }
        List<Path> jars = Arrays.stream(System.getProperty("partner-access.jars").split(",")).map(Path::of).toList();
        ClusterNode.prepare(Path.of(System.getProperty("partner-access.dist.zip")), jars, work.resolve("node1"));
        ClusterNode.copy(work.resolve("node1"), work.resolve("node2"));

        try (ClusterNode node1 = new ClusterNode(1, work.resolve("node1"), work.resolve("node1.log"));
             ClusterNode node2 = new ClusterNode(2, work.resolve("node2"), work.resolve("node2.log"))) {
            String hostname = node1.url();
            node1.start(dbUrl, "keycloak", "keycloak", hostname, INTERVAL);
            node1.awaitReady(Duration.ofMinutes(4));
            node2.start(dbUrl, "keycloak", "keycloak", hostname, INTERVAL);
            node2.awaitReady(Duration.ofMinutes(4));
            awaitClusterOfTwo(node1, node2);

            Api one = seed(node1);
            Api two = node2.admin("cluster");
            List<String> grants = new ArrayList<>();
            for (int i = 0; i < GRANTS; i++) {
                ObjectNode request = Api.object();
                request.put("user", node1.userId("cluster", "member" + i));
                request.put("role", "deal-registration");
                request.put("businessPurpose", "Register deals for the cluster test partner.");
                request.put("days", 1);
                Api.Reply created = (i % 2 == 0 ? one : two).post("/requests", request);
                assertThat(created.status()).as(created.toString()).isEqualTo(201);
                grants.add(created.text("grantId"));
            }

            // A policy saved on one node is the policy on the other at once, although each node keeps the version it
            // parsed: node two has read version 1 for the requests above; version 2 lowers the tier's maximum to one
            // day, and node two's next request is held to it.
            ObjectNode stricterPolicy = policy(1);
            ObjectNode schedule = stricterPolicy.putArray("reviewSchedule").addObject();
            schedule.put("name", "Cluster yearly");
            schedule.put("everyDays", 365);
            schedule.putObject("scope").put("tier", "registered");
            schedule.put("reviewer", "owner");
            schedule.put("days", 30);
            schedule.put("defaultDecision", "keep");
            Api.Reply stricter = one.put("/policy", stricterPolicy);
            assertThat(stricter.status()).as(stricter.toString()).isEqualTo(200);
            ObjectNode longer = Api.object();
            longer.put("user", node1.userId("cluster", "member0"));
            longer.put("role", "deal-registration");
            longer.put("businessPurpose", "Register deals for the cluster test partner.");
            longer.put("days", 2);
            Api.Reply refused = two.post("/requests", longer);
            assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
            assertThat(refused.text("errorMessage")).contains("at most 1");
            assertThat(two.get("/policy").json().get("version").asInt()).isEqualTo(2);

            // Both nodes sweep the same period at once, besides their timers: one scheduled review is started.
            List<Thread> sweeps = new ArrayList<>();
            List<Integer> statuses = java.util.Collections.synchronizedList(new ArrayList<>());
            for (Api node : List.of(one, two, one, two)) {
                Thread sweep = new Thread(() -> statuses.add(node.post("/sweep", null).status()));
                sweeps.add(sweep);
                sweep.start();
            }
            for (Thread sweep : sweeps) {
                sweep.join(120_000);
            }
            assertThat(statuses).containsOnly(200).hasSize(4);
            Thread.sleep(2L * INTERVAL * 1000);
            assertThat(two.get("/reviews").json().findValuesAsText("name")).as("scheduled reviews")
                    .filteredOn(name -> name.startsWith("Cluster yearly")).hasSize(1);
            assertThat(one.get("/evidence?type=REVIEW_STARTED").json()).hasSize(1);

            // Two days later on both nodes: every grant is due; the scheduled sweeps, not a call, must end them.
            for (ClusterNode node : List.of(node1, node2)) {
                Api.Reply moved = new Api(node.url(), "cluster", null).send("PUT", "/../../../../realms/cluster/partner-access-test-clock/offset",
                        Integer.toString(2 * 24 * 3600), "text/plain");
                assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
            }
            // The first sweep of a node whose clock has jumped two days rightly takes the lease at once, however
            // recently the other node swept by the old clock; the interval rule is checked from here on.
            LocalDateTime moved = LocalDateTime.now();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (two.get("/grants?status=ACTIVE").json().size() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(1000);
            }
            assertThat(two.get("/grants?status=ACTIVE").json()).as("grants still active after a minute of sweeps").isEmpty();
            // Let a few more intervals pass, so that both nodes' timers have fired repeatedly.
            Thread.sleep(4L * INTERVAL * 1000);

            for (String grant : grants) {
                assertThat(one.get("/evidence?type=GRANT_EXPIRED&subject=" + grant).json()).as("records for " + grant).hasSize(1);
            }
            assertThat(one.get("/evidence/verify").json().get("valid").asBoolean()).isTrue();

            List<LocalDateTime> runs = runs(node1, node2).stream().filter(run -> run.isAfter(moved)).toList();
            assertThat(runs.size()).as("sweeps after the clock moved").isGreaterThanOrEqualTo(3);
            for (int i = 1; i < runs.size(); i++) {
                long gapMillis = Duration.between(runs.get(i - 1), runs.get(i)).toMillis();
                assertThat(gapMillis).as("two sweeps within one interval at " + runs.get(i)).isGreaterThanOrEqualTo(INTERVAL * 1000L * 3 / 4 - 250);
            }
            assertThat(node1.logText() + node2.logText()).as("both nodes' timers fired and one of them stood back")
                    .contains("another node ran it in this interval");
        }
    }

    private static void resetSchema(String dbUrl) throws Exception {
        try (Connection db = DriverManager.getConnection(dbUrl, "keycloak", "keycloak"); Statement sql = db.createStatement()) {
            sql.execute("DROP SCHEMA IF EXISTS public CASCADE");
            sql.execute("CREATE SCHEMA public");
        }
    }

    private static void awaitClusterOfTwo(ClusterNode node1, ClusterNode node2) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            String logs = node1.logText() + node2.logText();
            if (logs.contains("ISPN000094") && logs.matches("(?s).*ISPN000094: Received new cluster view[^\\n]*\\(2\\).*")) {
                return;
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("the two nodes did not form one cluster; see " + node1.log + " and " + node2.log);
    }

    /** The times of every sweep run on either node, in order. */
    private static List<LocalDateTime> runs(ClusterNode... nodes) throws Exception {
        List<LocalDateTime> times = new ArrayList<>();
        for (ClusterNode node : nodes) {
            Matcher m = RUN.matcher(node.logText());
            while (m.find()) {
                times.add(LocalDateTime.parse(m.group(1), LOG_TIME));
            }
        }
        times.sort(null);
        return times;
    }

    /** One tier whose grants last at most {@code maxGrantDays}, one self-service programme, no notices. */
    private static ObjectNode policy(int maxGrantDays) {
        ObjectNode policy = Api.object();
        policy.putArray("tiers").addObject().put("name", "registered").put("rank", 1).put("maxGrantDays", maxGrantDays)
                .putArray("requiredActions");
        ObjectNode programme = policy.putArray("programmes").addObject();
        programme.put("role", "deal-registration");
        programme.putArray("stages");
        programme.put("minTier", "registered");
        policy.putArray("expiryNoticeDays");
        return policy;
    }

    /** A realm with Organizations, a self-service programme role, an owner and members; a policy and a partner. */
    private static Api seed(ClusterNode node) {
        ObjectNode realm = Api.object();
        realm.put("realm", "cluster");
        realm.put("enabled", true);
        realm.put("organizationsEnabled", true);
        realm.putObject("roles").putArray("realm").addObject().put("name", "deal-registration");
        ArrayNode users = realm.putArray("users");
        users.addObject().put("username", "owner").put("enabled", true).put("email", "owner@cluster.example");
        for (int i = 0; i < GRANTS; i++) {
            users.addObject().put("username", "member" + i).put("enabled", true);
        }
        Api.Reply created = node.admin("master").send("POST", "/../..", Api.write(realm), "application/json");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);

        Api api = node.admin("cluster");
        Api.Reply saved = api.put("/policy", policy(30));
        assertThat(saved.status()).as(saved.toString()).isEqualTo(200);

        ObjectNode intake = Api.object();
        intake.put("name", "Cluster Partner");
        intake.putArray("domains").add("cluster.example");
        intake.put("tier", "registered");
        intake.put("region", "EMEA");
        intake.put("businessOwner", node.userId("cluster", "owner"));
        Api.Reply partner = api.post("/partners", intake);
        assertThat(partner.status()).as(partner.toString()).isEqualTo(201);
        for (int i = 0; i < GRANTS; i++) {
            ObjectNode member = Api.object();
            member.put("username", "member" + i);
            Api.Reply added = api.post("/partners/" + partner.text("id") + "/members", member);
            assertThat(added.status()).as(added.toString()).isEqualTo(201);
        }
        return api;
    }
}
