package dev.partneraccess.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The bench's admin calls, as the master realm's bootstrap admin (admin/admin of the bench's own servers). */
public final class AdminClient {

    public static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final String url;
    private String token;
    private long tokenAt;

    public AdminClient(String url) {
        this.url = url;
    }

    public String url() {
        return url;
    }

    /** Calls an admin path and fails unless it answers {@code status}; answers the body as JSON (null when empty). */
    public JsonNode call(String method, String path, Object body, int status) throws IOException, InterruptedException {
        String json = body == null ? null : body instanceof String s ? s : JSON.writeValueAsString(body);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofMinutes(30))
                .header("Authorization", "Bearer " + token())
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != status) {
            throw new IllegalStateException(method + " " + path + ": expected " + status + ", got " + response.statusCode()
                    + ": " + response.body());
        }
        return response.body().isEmpty() ? null : JSON.readTree(response.body());
    }

    /** Heap in use, summed over the heap pools, from the management port's {@code /metrics}. */
    public static long heapUsed(String metricsUrl) throws IOException, InterruptedException {
        HttpResponse<String> metrics = HTTP.send(HttpRequest.newBuilder(URI.create(metricsUrl)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        double used = 0;
        for (String line : metrics.body().split("\n")) {
            if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                used += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return (long) used;
    }

    private synchronized String token() throws IOException, InterruptedException {
        if (token == null || System.currentTimeMillis() - tokenAt > 30_000) {
            String form = "grant_type=password&client_id=admin-cli&username=admin&password="
                    + URLEncoder.encode("admin", StandardCharsets.UTF_8);
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/realms/master/protocol/openid-connect/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("admin login at " + url + " failed: " + response.body());
            }
            token = JSON.readTree(response.body()).get("access_token").asText();
            tokenAt = System.currentTimeMillis();
        }
        return token;
    }
}
