package dev.partneraccess.it;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The fuzz cases and their sender: raw HTTP with any method, content type and body, so that nothing a client could
 * send is out of reach. Every answer of 500 or more is collected with what provoked it, and so is an error body of the
 * contract whose {@code errorMessage} is not its {@code message}; the test reports them all at once.
 */
final class Fuzz {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    static final String BOUNDARY = "fuzz-boundary-7e3f";

    /** Bodies that are not one JSON object: broken, of another shape, trailing, duplicated, nested past any limit. */
    static final List<String> MALFORMED = List.of("{\"reason\":", "[]", "42", "{\"reason\":\"a\",\"reason\":\"b\"}",
            "[".repeat(3000) + "]".repeat(3000));

    /** Values no string field accepts: another type, NUL, a bidi override, nothing visible. Every string field gets these. */
    static final List<JsonNode> BAD_STRINGS = List.of(NODES.numberNode(42), NODES.textNode("Fuzz\u0000Co"),
            NODES.textNode("Fuzz\u202eoC"), NODES.textNode("\u200b\u200d"));

    /** More of them (an escape sequence, an object, too long); each string field gets one, in turn. */
    static final List<JsonNode> MORE_BAD_STRINGS = List.of(NODES.textNode("\u001b[2J\u001b[31mFuzz"), NODES.objectNode(),
            NODES.textNode("x".repeat(3000)));

    /** Values no whole-day field accepts. */
    static final List<JsonNode> BAD_DAYS = List.of(NODES.textNode("5"), NODES.numberNode(1.5), NODES.numberNode(0),
            NODES.numberNode(new BigDecimal("1e400")));

    /** Values no true/false field accepts. */
    static final List<JsonNode> BAD_BOOLEANS = List.of(NODES.textNode("true"), NODES.numberNode(1), NODES.textNode("\u0000"));

    /** Values no list-of-strings field accepts. */
    static final List<JsonNode> BAD_LISTS = List.of(NODES.textNode("sales"), NODES.arrayNode().add(1),
            NODES.arrayNode().add("ok").add("\u0000"), NODES.arrayNode().add("\u200b"), manyEntries(1000));

    /** Declared body types other than JSON; each is sent with a body of its own kind. */
    static final List<String> NON_JSON_TYPES = List.of("multipart/form-data; boundary=" + BOUNDARY,
            "application/x-www-form-urlencoded", "text/plain");

    /** Times ISO-8601 can write but no epoch-millisecond count holds, and times that are not times. */
    static final List<String> BAD_TIMES = List.of("%2B999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z",
            "%2B10000-01-01T00:00:00Z", "yesterday", "2026-02-30T00:00:00Z", "2026-11-26", "1795687200000", "%1B%5B2J");

    /** Paging values out of range or not numbers. */
    static final List<String> BAD_FIRST = List.of("-1", "abc", "99999999999");
    static final List<String> BAD_MAX = List.of("0", "1000000", "1.5");

    /** Filter values: escape and bidi characters, nothing visible, very long, quotes. */
    static final List<String> ODD_FILTERS = List.of("%1B%5B31m", "a%E2%80%AEb", "%E2%80%8B", "x".repeat(2000), "%00");

    /** Path ids that name nothing: unknown, blank, control, bidi, very long, not ASCII. */
    static final List<String> ODD_IDS = List.of("no-such-id", "%20", "x".repeat(300), "%00");

    private final List<String> failures = new ArrayList<>();
    private int sent;

    /** An answer, with the call that provoked it for the report. */
    record Reply(int status, String body, String call) {
    }

    Reply send(String method, String url, String contentType, String body, Supplier<String> token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        String bearer = token == null ? null : token.get();
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        HttpResponse<String> response;
        try {
            response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(method + " " + url + " failed", e);
        }
        sent++;
        String what = method + " " + shorten(url) + (contentType == null ? "" : " [" + contentType + "]")
                + (body == null ? "" : " " + shorten(body));
        if (response.statusCode() >= 500) {
            failures.add(what + " -> " + response.statusCode() + " " + shorten(response.body()));
        } else {
            checkErrorBody(what, response.body());
        }
        return new Reply(response.statusCode(), response.body(), what);
    }

    /**
     * Keycloak 26.7 and later refuse a query value with control characters themselves, before any resource runs: a 400
     * with their own body. That is a refusal that changes nothing, which is all the product would do, so it counts as
     * one; on older Keycloak versions the product's own answer is checked.
     */
    static boolean blockedByKeycloak(Reply reply) {
        return reply.status() == 400 && reply.body() != null && reply.body().contains("Blocking invalid query parameter value");
    }

    /** Records a failure unless the answer's status is one of {@code allowed} (or Keycloak refused the query itself). */
    Reply expect(Reply reply, int... allowed) {
        if (blockedByKeycloak(reply)) {
            return reply;
        }
        for (int status : allowed) {
            if (reply.status() == status) {
                return reply;
            }
        }
        failures.add(reply.call() + " -> " + reply.status() + " where " + java.util.Arrays.toString(allowed) + " was due: "
                + shorten(reply.body()));
        return reply;
    }

    /** Records a failure unless the answer is a refusal (4xx), which changes nothing. */
    Reply expect4xx(Reply reply) {
        if (reply.status() < 400 || reply.status() > 499) {
            failures.add(reply.call() + " -> " + reply.status() + " where a 4xx was due: " + shorten(reply.body()));
        }
        return reply;
    }

    /** Records a failure unless the answer's body contains {@code fragment}. */
    Reply expectBody(Reply reply, String fragment) {
        if (!blockedByKeycloak(reply) && (reply.body() == null || !reply.body().contains(fragment))) {
            failures.add(reply.call() + " -> " + reply.status() + " without " + fragment + ": " + shorten(reply.body()));
        }
        return reply;
    }

    /** A JSON body, declared as JSON. */
    Reply json(String method, String url, JsonNode body, Supplier<String> token) {
        return send(method, url, "application/json", Api.write(body), token);
    }

    /** The body a client of that type would send: multipart parts, a form, or the JSON text as it is. */
    static String bodyOfType(String contentType, JsonNode json) {
        if (contentType.startsWith("multipart/")) {
            StringBuilder parts = new StringBuilder();
            json.fields().forEachRemaining(field -> parts.append("--").append(BOUNDARY).append("\r\n")
                    .append("Content-Disposition: form-data; name=\"").append(field.getKey()).append("\"\r\n\r\n")
                    .append(field.getValue().isTextual() ? field.getValue().textValue() : field.getValue().toString())
                    .append("\r\n"));
            return parts.append("--").append(BOUNDARY).append("--\r\n").toString();
        }
        if (contentType.startsWith("application/x-www-form-urlencoded")) {
            StringBuilder form = new StringBuilder();
            json.fields().forEachRemaining(field -> form.append(form.length() == 0 ? "" : "&").append(Api.q(field.getKey()))
                    .append('=').append(Api.q(field.getValue().isTextual() ? field.getValue().textValue() : field.getValue().toString())));
            return form.toString();
        }
        return Api.write(json);
    }

    /** {@code template} with {@code field} (a JSON pointer such as {@code /tiers/0/name}) set to {@code value}. */
    static ObjectNode with(ObjectNode template, String field, JsonNode value) {
        ObjectNode copy = template.deepCopy();
        int slash = field.lastIndexOf('/');
        JsonNode parent = slash <= 0 ? copy : copy.at(field.substring(0, slash));
        String name = field.substring(slash + 1);
        if (parent instanceof ObjectNode object) {
            object.set(name, value);
        } else if (parent instanceof ArrayNode array) {
            array.set(Integer.parseInt(name), value);
        } else {
            throw new IllegalArgumentException("no " + field + " in " + template);
        }
        return copy;
    }

    int sent() {
        return sent;
    }

    List<String> failures() {
        return failures;
    }

    private void checkErrorBody(String what, String body) {
        if (body == null || !body.startsWith("{")) {
            return;
        }
        try {
            JsonNode json = Api.JSON.readTree(body);
            if (json.has("message") && !json.path("message").equals(json.path("errorMessage"))) {
                failures.add(what + " -> errorMessage differs from message: " + shorten(body));
            }
        } catch (IOException notJson) {
            // a body that only looks like JSON: nothing to compare
        }
    }

    private static ArrayNode manyEntries(int count) {
        ArrayNode entries = NODES.arrayNode();
        for (int i = 0; i < count; i++) {
            entries.add("unit-" + i);
        }
        return entries;
    }

    private static String shorten(String text) {
        return text == null ? "" : text.length() > 160 ? text.substring(0, 160) + "...(" + text.length() + ")" : text;
    }
}
