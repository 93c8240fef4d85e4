package dev.partneraccess.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Users retrying a direct-grant login as fast as they can, one thread each, until stopped: the load beside which the
 * evidence bench measures its writers. With the right password a suspended partner's users are refused by the gate
 * (each refusal may write {@code LOGIN_DENIED}); with a wrong one Keycloak refuses them itself at the same cost of
 * password hashing, which is the control.
 */
final class LoginStorm implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong unexpected = new AtomicLong();
    private final List<Thread> threads = new ArrayList<>();

    LoginStorm(String url, String realm, String client, List<String> usernames, String password) {
        URI endpoint = URI.create(url + "/realms/" + realm + "/protocol/openid-connect/token");
        for (String username : usernames) {
            String form = "grant_type=password&client_id=" + client + "&username=" + encode(username) + "&password=" + encode(password);
            Thread thread = new Thread(() -> {
                while (running.get()) {
                    try {
                        HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(endpoint)
                                        .header("Content-Type", "application/x-www-form-urlencoded")
                                        .POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                                HttpResponse.BodyHandlers.discarding());
                        (response.statusCode() == 400 || response.statusCode() == 401 ? refused : unexpected).incrementAndGet();
                    } catch (IOException e) {
                        unexpected.incrementAndGet();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "login-storm-" + username);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
    }

    /** Logins refused so far (400 or 401). */
    long refused() {
        return refused.get();
    }

    /** Answers that were not a refusal: a login that got in, or an error. */
    long unexpected() {
        return unexpected.get();
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        for (Thread thread : threads) {
            thread.join(30_000);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
