package dev.partneraccess.it;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A small client for the partner access admin API of one realm, acting with one caller's token. */
final class Api {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final String base;
    private final String selfBase;
    private final Supplier<String> token;

    Api(String serverUrl, String realm, Supplier<String> token) {
        this.base = serverUrl + "/admin/realms/" + realm + "/partner-access";
        this.selfBase = serverUrl + "/realms/" + realm + "/partner-access";
        this.token = token;
    }

    Reply get(String path) {
        return send("GET", path, null, "application/json");
    }

    Reply post(String path, Object body) {
        return send("POST", path, body, "application/json");
    }

    Reply put(String path, Object body) {
        return send("PUT", path, body, "application/json");
    }

    Reply delete(String path) {
        return send("DELETE", path, null, "application/json");
    }

    Reply send(String method, String path, Object body, String accept) {
        String payload = body == null ? null : body instanceof String text ? text : write(body);
        return send(method, base + path, payload, payload == null ? null : "application/json", accept);
    }

    /** The body sent as it is, declared as {@code contentType} (no Content-Type header when null). */
    Reply sendTyped(String method, String path, String contentType, String body) {
        return send(method, base + path, body, contentType, "application/json");
    }

    /** The same to the realm's self-service resource. */
    Reply sendSelfTyped(String method, String path, String contentType, String body) {
        return send(method, selfBase + path, body, contentType, "application/json");
    }

    private Reply send(String method, String url, String payload, String contentType, String accept) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url).normalize())
                .timeout(Duration.ofSeconds(60))
                .header("Accept", accept)
                .method(method, payload == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(payload, StandardCharsets.UTF_8));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        String bearer = token == null ? null : token.get();
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body(), response.headers().firstValue("Content-Type").orElse(""));
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(method + " " + url + " failed", e);
        }
    }

    static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static String write(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    record Reply(int status, String body, String contentType) {

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }

        String text(String field) {
            JsonNode value = json().get(field);
            return value == null || value.isNull() ? null : value.asText();
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
