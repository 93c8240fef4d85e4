package dev.partneraccess.bench.login;

import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.css;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.responseTimeInMillis;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.header;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.partneraccess.bench.AdminClient;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

/**
 * One measured run against one server: a partner user's browser login (login page, form post, code exchange) and one
 * token refresh, timed end to end per user. Two phases: a closed one, where {@code bench.concurrency} users log in back
 * to back for {@code bench.seconds} (capacity: logins per second), then an open one, where {@code bench.rate} new users
 * arrive per second for {@code bench.seconds} (latency at a load both servers carry). Writes its figures as JSON to
 * {@code bench.out}. Run by {@code bench/login-bench.sh}.
 */
public class LoginSimulation extends Simulation {

    private static final String TOKEN = "/realms/" + LoginBenchRealm.REALM + "/protocol/openid-connect/token";

    private final String url = System.getProperty("bench.url", "http://127.0.0.1:8280");
    private final String flavour = System.getProperty("bench.flavour", "stock");
    private final int users = Integer.getInteger("bench.users", 100);
    private final int seconds = Integer.getInteger("bench.seconds", 30);
    private final int concurrency = Integer.getInteger("bench.concurrency", 4);
    private final double rate = Double.parseDouble(System.getProperty("bench.rate", "4"));
    private final Path out = Path.of(System.getProperty("bench.out", "login-run.json"));

    private final Phase capacity = new Phase();
    private final Phase latency = new Phase();

    private static final class Phase {
        final Histogram logins = new ConcurrentHistogram(3);
        final Histogram refreshes = new ConcurrentHistogram(3);
        final AtomicLong started = new AtomicLong();
        final AtomicLong completedInWindow = new AtomicLong();
        /** Each request of the login on its own, in milliseconds as Gatling measures them. */
        final Histogram page = new ConcurrentHistogram(3);
        final Histogram form = new ConcurrentHistogram(3);
        final Histogram exchange = new ConcurrentHistogram(3);
        final AtomicLong begun = new AtomicLong();
        final AtomicLong completed = new AtomicLong();
    }

    {
        HttpProtocolBuilder protocol = http.baseUrl(url).disableFollowRedirect().disableCaching()
                .acceptLanguageHeader("en").userAgentHeader("partner-access-bench");
        setUp(scenario("capacity", capacity).injectClosed(constantConcurrentUsers(concurrency).during(seconds))
                .andThen(scenario("latency", latency).injectOpen(constantUsersPerSec(rate).during(seconds))))
                .protocols(protocol);
    }

    private ScenarioBuilder scenario(String name, Phase phase) {
        Iterator<Map<String, Object>> feeder = Stream.generate(
                () -> Map.<String, Object>of("username", LoginBenchRealm.username(ThreadLocalRandom.current().nextInt(users)))).iterator();
        return io.gatling.javaapi.core.CoreDsl.scenario(name).feed(feeder)
                .exec(session -> {
                    long now = System.nanoTime();
                    phase.started.compareAndSet(0, now);
                    phase.begun.incrementAndGet();
                    return session.set("t0", now);
                })
                .exec(login())
                .exitHereIfFailed()
                .exec(session -> {
                    long now = System.nanoTime();
                    phase.logins.recordValue(now - session.getLong("t0"));
                    phase.page.recordValue(session.getInt("rtPage"));
                    phase.form.recordValue(session.getInt("rtForm"));
                    phase.exchange.recordValue(session.getInt("rtExchange"));
                    return session.set("t1", now);
                })
                .exec(http("refresh").post(TOKEN)
                        .formParam("grant_type", "refresh_token").formParam("refresh_token", "#{refresh}")
                        .formParam("client_id", LoginBenchRealm.CLIENT).formParam("client_secret", LoginBenchRealm.SECRET)
                        .check(status().is(200), jsonPath("$.access_token").transform(this::carriesPartnerClaims).is(true)))
                .exitHereIfFailed()
                .exec(session -> {
                    long now = System.nanoTime();
                    phase.completed.incrementAndGet();
                    phase.refreshes.recordValue(now - session.getLong("t1"));
                    if (now - phase.started.get() <= seconds * 1_000_000_000L) {
                        phase.completedInWindow.incrementAndGet();
                    }
                    return session;
                });
    }

    private ChainBuilder login() {
        String auth = "/realms/" + LoginBenchRealm.REALM + "/protocol/openid-connect/auth?response_type=code&scope=openid"
                + "&client_id=" + LoginBenchRealm.CLIENT + "&redirect_uri=" + URLEncoder.encode(LoginBenchRealm.REDIRECT, StandardCharsets.UTF_8);
        return exec(http("login page").get(auth + "&state=#{username}")
                        .check(status().is(200), css("#kc-form-login", "action").saveAs("action"),
                                responseTimeInMillis().saveAs("rtPage")))
                .exitHereIfFailed()
                .exec(http("login form").post("#{action}")
                        .formParam("username", "#{username}").formParam("password", LoginBenchRealm.PASSWORD)
                        .check(status().is(302), header("Location").transform(LoginSimulation::code).notNull().saveAs("code"),
                                responseTimeInMillis().saveAs("rtForm")))
                .exitHereIfFailed()
                .exec(http("code exchange").post(TOKEN)
                        .formParam("grant_type", "authorization_code").formParam("code", "#{code}")
                        .formParam("redirect_uri", LoginBenchRealm.REDIRECT)
                        .formParam("client_id", LoginBenchRealm.CLIENT).formParam("client_secret", LoginBenchRealm.SECRET)
                        .check(status().is(200), jsonPath("$.refresh_token").saveAs("refresh"),
                                jsonPath("$.access_token").transform(this::carriesPartnerClaims).is(true),
                                responseTimeInMillis().saveAs("rtExchange")));
    }

    /** The code of a redirect back to the client, or null when the login ended anywhere else (a form, an error). */
    private static String code(String location) {
        if (location == null || !location.startsWith(LoginBenchRealm.REDIRECT)) {
            return null;
        }
        for (String pair : location.substring(location.indexOf('?') + 1).split("&")) {
            if (pair.startsWith("code=")) {
                return URLDecoder.decode(pair.substring(5), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    /** On the partner-access side a token must carry the partner claims, or the run measured a different thing. */
    private boolean carriesPartnerClaims(String accessToken) {
        if (!flavour.equals("partner-access")) {
            return true;
        }
        String payload = new String(Base64.getUrlDecoder().decode(accessToken.split("\\.")[1]), StandardCharsets.UTF_8);
        return payload.contains("\"partner_access\":[{") && payload.contains("\"partner\":{");
    }

    @Override
    public void after() {
        ObjectNode result = AdminClient.JSON.createObjectNode().put("flavour", flavour).put("seconds", seconds)
                .put("concurrency", concurrency).put("rate", rate);
        result.put("throughput", capacity.completedInWindow.get() / (double) seconds);
        result.set("capacity", figures(capacity));
        result.set("latency", figures(latency));
        try {
            Files.createDirectories(out.toAbsolutePath().getParent());
            AdminClient.JSON.writerWithDefaultPrettyPrinter().writeValue(out.toFile(), result);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode figures(Phase phase) {
        ObjectNode node = AdminClient.JSON.createObjectNode()
                .put("logins", phase.completed.get()).put("failed", phase.begun.get() - phase.completed.get())
                .put("completedInWindow", phase.completedInWindow.get());
        node.set("login", percentiles(phase.logins));
        node.set("refresh", percentiles(phase.refreshes));
        node.set("loginPage", millis(phase.page));
        node.set("formPost", millis(phase.form));
        node.set("codeExchange", millis(phase.exchange));
        return node;
    }

    private static ObjectNode millis(Histogram histogram) {
        ObjectNode node = AdminClient.JSON.createObjectNode();
        for (double p : new double[] {50, 99}) {
            node.put("p" + (int) p, histogram.getTotalCount() == 0 ? 0 : histogram.getValueAtPercentile(p));
        }
        return node;
    }

    private static ObjectNode percentiles(Histogram histogram) {
        ObjectNode node = AdminClient.JSON.createObjectNode();
        for (double p : new double[] {50, 95, 99}) {
            node.put("p" + (int) p, histogram.getTotalCount() == 0 ? 0 : histogram.getValueAtPercentile(p) / 1e6);
        }
        node.put("mean", histogram.getTotalCount() == 0 ? 0 : histogram.getMean() / 1e6);
        return node;
    }
}
