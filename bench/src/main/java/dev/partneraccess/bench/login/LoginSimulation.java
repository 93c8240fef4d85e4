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
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
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
 * arrive per second for {@code bench.latency.seconds} (latency at a load both servers carry; default {@code bench.seconds}).
 * Writes its figures as JSON to {@code bench.out}, with the open phase's login and refresh histograms encoded, so that
 * a report can pool the logins of several runs. Run by {@code bench/login-bench.sh}.
 *
 * <p>With {@code bench.twin.realm} (and {@code bench.twin.flavour}, {@code bench.twin.out}) it drives two realms of the
 * same server at the same time, each with half the users and half the rate: both see the same JVM at the same moment,
 * so what differs between them is the realms' own work, not the JIT's luck or how far the JVM has warmed up.
 */
public class LoginSimulation extends Simulation {

    private final String url = System.getProperty("bench.url", "http://127.0.0.1:8280");
    private final int users = Integer.getInteger("bench.users", 100);
    private final int seconds = Integer.getInteger("bench.seconds", 30);
    /** The open phase may run longer than the closed one: its tail percentiles need many more logins than a ratio. */
    private final int latencySeconds = Integer.getInteger("bench.latency.seconds", seconds);

    /** One realm under load: its name, which side it stands for, where its figures go, and its two phases. */
    private final class Target {
        final String realm;
        final String flavour;
        final Path out;
        final int concurrency;
        final double rate;
        final Phase capacity = new Phase();
        final Phase latency = new Phase();

        Target(String realm, String flavour, Path out, int concurrency, double rate) {
            this.realm = realm;
            this.flavour = flavour;
            this.out = out;
            this.concurrency = concurrency;
            this.rate = rate;
        }

        String token() {
            return "/realms/" + realm + "/protocol/openid-connect/token";
        }
    }

    private final List<Target> targets = new ArrayList<>();

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
        int concurrency = Integer.getInteger("bench.concurrency", 4);
        double rate = Double.parseDouble(System.getProperty("bench.rate", "4"));
        String twin = System.getProperty("bench.twin.realm");
        int share = twin == null ? 1 : 2;
        if (concurrency % share != 0) {
            throw new IllegalArgumentException("two realms at once need an even bench.concurrency, not " + concurrency);
        }
        targets.add(new Target(LoginBenchRealm.REALM, System.getProperty("bench.flavour", "stock"),
                Path.of(System.getProperty("bench.out", "login-run.json")), concurrency / share, rate / share));
        if (twin != null) {
            targets.add(new Target(twin, System.getProperty("bench.twin.flavour", "stock"),
                    Path.of(System.getProperty("bench.twin.out")), concurrency / share, rate / share));
        }
        HttpProtocolBuilder protocol = http.baseUrl(url).disableFollowRedirect().disableCaching()
                .acceptLanguageHeader("en").userAgentHeader("partner-access-bench");
        setUp(targets.stream().map(target -> scenario(target, "capacity", target.capacity)
                        .injectClosed(constantConcurrentUsers(target.concurrency).during(seconds))
                        .andThen(scenario(target, "latency", target.latency).injectOpen(constantUsersPerSec(target.rate).during(latencySeconds))))
                .toList())
                .protocols(protocol);
    }

    private ScenarioBuilder scenario(Target target, String name, Phase phase) {
        Iterator<Map<String, Object>> feeder = Stream.generate(
                () -> Map.<String, Object>of("username", LoginBenchRealm.username(ThreadLocalRandom.current().nextInt(users)))).iterator();
        return io.gatling.javaapi.core.CoreDsl.scenario(target.realm + " " + name).feed(feeder)
                .exec(session -> {
                    long now = System.nanoTime();
                    phase.started.compareAndSet(0, now);
                    phase.begun.incrementAndGet();
                    return session.set("t0", now);
                })
                .exec(login(target))
                .exitHereIfFailed()
                .exec(session -> {
                    long now = System.nanoTime();
                    phase.logins.recordValue(now - session.getLong("t0"));
                    phase.page.recordValue(session.getInt("rtPage"));
                    phase.form.recordValue(session.getInt("rtForm"));
                    phase.exchange.recordValue(session.getInt("rtExchange"));
                    return session.set("t1", now);
                })
                .exec(http("refresh").post(target.token())
                        .formParam("grant_type", "refresh_token").formParam("refresh_token", "#{refresh}")
                        .formParam("client_id", LoginBenchRealm.CLIENT).formParam("client_secret", LoginBenchRealm.SECRET)
                        .check(status().is(200), jsonPath("$.access_token").transform(token -> carriesPartnerClaims(target, token)).is(true)))
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

    private ChainBuilder login(Target target) {
        String auth = "/realms/" + target.realm + "/protocol/openid-connect/auth?response_type=code&scope=openid"
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
                .exec(http("code exchange").post(target.token())
                        .formParam("grant_type", "authorization_code").formParam("code", "#{code}")
                        .formParam("redirect_uri", LoginBenchRealm.REDIRECT)
                        .formParam("client_id", LoginBenchRealm.CLIENT).formParam("client_secret", LoginBenchRealm.SECRET)
                        .check(status().is(200), jsonPath("$.refresh_token").saveAs("refresh"),
                                jsonPath("$.access_token").transform(token -> carriesPartnerClaims(target, token)).is(true),
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
    private static boolean carriesPartnerClaims(Target target, String accessToken) {
        if (!target.flavour.equals("partner-access")) {
            return true;
        }
        String payload = new String(Base64.getUrlDecoder().decode(accessToken.split("\\.")[1]), StandardCharsets.UTF_8);
        return payload.contains("\"partner_access\":[{") && payload.contains("\"partner\":{");
    }

    @Override
    public void after() {
        for (Target target : targets) {
            ObjectNode result = AdminClient.JSON.createObjectNode().put("flavour", target.flavour).put("realm", target.realm)
                    .put("seconds", seconds).put("latencySeconds", latencySeconds).put("concurrency", target.concurrency)
                    .put("rate", target.rate);
            result.put("throughput", target.capacity.completedInWindow.get() / (double) seconds);
            result.set("capacity", figures(target.capacity));
            result.set("latency", figures(target.latency));
            try {
                Files.createDirectories(target.out.toAbsolutePath().getParent());
                AdminClient.JSON.writerWithDefaultPrettyPrinter().writeValue(target.out.toFile(), result);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
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
        node.set("histograms", AdminClient.JSON.createObjectNode()
                .put("login", LoginHistograms.encode(phase.logins)).put("refresh", LoginHistograms.encode(phase.refreshes)));
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
