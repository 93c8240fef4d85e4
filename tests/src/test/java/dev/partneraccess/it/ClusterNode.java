package dev.partneraccess.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Keycloak node run from the distribution as a separate process, beside the suite's own server: one node of a
 * cluster (production mode, PostgreSQL, embedded Infinispan discovering its peers through the shared database) or a
 * single development node whose scheduled work fires every few seconds. Loopback only.
 */
final class ClusterNode implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** The sweep interval option; {@link #LEGACY_SWEEP_INTERVAL} is its name before 0.2.0, still read for one release. */
    static final String SWEEP_INTERVAL = "--spi-partner-access--default--sweep-interval";
    static final String LEGACY_SWEEP_INTERVAL = "--spi-jpa-entity-provider--partner-access--sweep-interval";

    final int number;
    final Path home;
    final Path log;
    private Process process;

    ClusterNode(int number, Path home, Path log) {
        this.number = number;
        this.home = home;
        this.log = log;
    }

    int port() {
        return 18080 + number;
    }

    String url() {
        return "http://127.0.0.1:" + port();
    }

    /** Unpacks the distribution, installs the jars and builds it for PostgreSQL and a clustered cache. */
    static void prepare(Path zip, List<Path> jars, Path home) throws IOException, InterruptedException {
        Path parent = home.getParent();
        Files.createDirectories(parent);
        run(parent, "unzip", "-q", "-o", zip.toString(), "-d", parent.resolve("unpacked").toString());
        try (var entries = Files.list(parent.resolve("unpacked"))) {
            Path unpacked = entries.filter(Files::isDirectory).findFirst().orElseThrow();
            Files.move(unpacked, home);
        }
        for (Path jar : jars) {
            Files.copy(jar, home.resolve("providers").resolve(jar.getFileName()));
        }
        run(home, home.resolve("bin/kc.sh").toString(), "build", "--db=postgres", "--cache=ispn", "--health-enabled=true");
    }

    /** Unpacks the distribution and installs the jars; {@code start-dev} builds it on its first start. */
    static void prepareDev(Path zip, List<Path> jars, Path home) throws IOException, InterruptedException {
        Path parent = home.getParent();
        Files.createDirectories(parent);
        Path unpacked = parent.resolve("unpacked-" + home.getFileName());
        run(parent, "unzip", "-q", "-o", zip.toString(), "-d", unpacked.toString());
        try (var entries = Files.list(unpacked)) {
            Files.move(entries.filter(Files::isDirectory).findFirst().orElseThrow(), home);
        }
        for (Path jar : jars) {
            Files.copy(jar, home.resolve("providers").resolve(jar.getFileName()));
        }
    }

    /**
     * Starts a single development-mode node on its own in-memory H2 database, with no hostname configured (so
     * nothing but the realm's settings tells the server its address) and the sweep firing every few seconds.
     */
    void startDev(int sweepIntervalSeconds) throws IOException {
        startDev(SWEEP_INTERVAL, sweepIntervalSeconds);
    }

    /** The same, naming the sweep interval with {@code option} (the current or the legacy name). */
    void startDev(String option, int sweepIntervalSeconds) throws IOException {
        List<String> command = List.of(home.resolve("bin/kc.sh").toString(), "start-dev", "--db=dev-mem",
                "--http-host=127.0.0.1", "--http-port=" + port(), "--http-management-port=" + (19000 + number),
                "--cache=local", option + "=" + sweepIntervalSeconds,
                "--log-level=INFO,dev.partneraccess.core.access:debug");
        launch(command);
    }

    static void copy(Path from, Path to) throws IOException, InterruptedException {
        run(from.getParent(), "cp", "-a", from.toString(), to.toString());
    }

    void start(String dbUrl, String dbUser, String dbPassword, String hostname, int sweepIntervalSeconds) throws IOException {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/kc.sh").toString(), "start", "--optimized",
                "--db-url=" + dbUrl, "--db-username=" + dbUser, "--db-password=" + dbPassword,
                "--http-enabled=true", "--hostname-strict=false", "--hostname=" + hostname,
                "--http-host=127.0.0.1", "--http-port=" + port(), "--http-management-port=" + (19000 + number),
                "--cache-embedded-network-bind-address=127.0.0.1", "--cache-embedded-network-bind-port=" + (7800 + number),
                "--spi-cache-embedded-default-node-name=node" + number,
                SWEEP_INTERVAL + "=" + sweepIntervalSeconds,
                "--log-level=INFO,dev.partneraccess.core.access:debug"));
        launch(command);
    }

    private void launch(List<String> command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
        builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin");
        builder.environment().put("JAVA_OPTS_KC_HEAP", "-Xms128m -Xmx512m");
        process = builder.start();
    }

    void awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("node " + number + " exited; see " + log);
            }
            try {
                HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(
                        URI.create(url() + "/realms/master/.well-known/openid-configuration")).build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(1000);
        }
        throw new IllegalStateException("node " + number + " not ready after " + timeout + "; see " + log);
    }

    /** The product's admin API of {@code realm} on this node, as the bootstrap admin of the master realm. */
    Api admin(String realm) {
        return new Api(url(), realm, () -> {
            Api.Reply reply = TokenEndpoint.post(url(), "master", "grant_type=password&client_id=admin-cli&username=admin&password=admin");
            if (reply.status() != 200) {
                throw new IllegalStateException("admin token from node " + number + ": " + reply);
            }
            return reply.text("access_token");
        });
    }

    /** The id of a user of {@code realm}, read through Keycloak's admin API on this node. */
    String userId(String realm, String username) {
        return admin(realm).get("/../users?exact=true&username=" + username).json().get(0).get("id").asText();
    }

    String logText() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }

    private static void run(Path directory, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(directory.resolve("prepare.log").toFile())).start();
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed; see " + directory.resolve("prepare.log"));
        }
    }
}
