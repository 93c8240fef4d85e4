package dev.partneraccess.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;

/**
 * The API description docs/openapi.yaml as a checker of real answers: each answer is matched to its operation by
 * method and path template, its status must be one the operation lists, and its body must validate against the
 * operation's schema for that status and content type (JSON Schema 2020-12, formats asserted). Every answer checked is
 * recorded, so a test can end by asking which operations it never exercised.
 */
final class OpenApiContract {

    static final Path FILE = Path.of("..", "docs", "openapi.yaml");
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");
    private static final String DIALECT = "https://json-schema.org/draft/2020-12/schema";

    private final byte[] bytes;
    private final JsonNode document;
    private final List<Operation> operations = new ArrayList<>();
    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
    private final Map<String, Schema> schemas = new HashMap<>();
    private final Map<String, Set<Integer>> seen = new TreeMap<>();
    private final List<String> failures = new ArrayList<>();

    record Operation(String id, String method, String template, Pattern pattern, JsonNode node) {
        String name() {
            return id + " (" + method + " " + template + ")";
        }
    }

    OpenApiContract() {
        try {
            bytes = Files.readAllBytes(FILE);
            document = new ObjectMapper(new YAMLFactory()).readTree(bytes);
        } catch (IOException e) {
            throw new IllegalStateException(FILE.toAbsolutePath() + " cannot be read", e);
        }
        document.get("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(method -> {
            if (METHODS.contains(method.getKey())) {
                String regex = "^" + Pattern.quote(path.getKey()).replaceAll("\\{[^}/]+}", "\\\\E[^/]+\\\\Q") + "$";
                operations.add(new Operation(method.getValue().get("operationId").asText(), method.getKey().toUpperCase(Locale.ROOT),
                        path.getKey(), Pattern.compile(regex), method.getValue()));
            }
        }));
    }

    byte[] bytes() {
        return bytes;
    }

    String text() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    List<Operation> operations() {
        return operations;
    }

    /**
     * Checks one answer to {@code method} on {@code path} (the server-relative path, with or without a query) and
     * records it. Answers the reply, so calls can be wrapped.
     */
    Api.Reply check(String method, String path, Api.Reply reply) {
        return check(method, path, null, reply);
    }

    /**
     * The same, and a JSON body the server accepted (a 2xx answer) must match the operation's request body schema:
     * what the server takes, the description must describe.
     */
    Api.Reply check(String method, String path, String sent, Api.Reply reply) {
        String bare = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        Operation operation = operations.stream()
                .filter(o -> o.method().equals(method) && o.pattern().matcher(bare).matches())
                // A literal segment wins over a template one: /evidence/export over /evidence/{id}, were there one.
                .min(Comparator.comparingInt(o -> o.template().split("\\{").length))
                .orElse(null);
        if (operation == null) {
            failures.add(method + " " + bare + " answered " + reply.status() + ": no operation of the API description matches");
            return reply;
        }
        seen.computeIfAbsent(operation.id(), id -> new TreeSet<>()).add(reply.status());
        String at = operation.name() + " answered " + reply.status();
        if (sent != null && reply.status() / 100 == 2) {
            JsonNode accepted = resolve(operation.node().path("requestBody").path("content").path("application/json").get("schema"));
            validate(operation.name() + " took a request body", operation.id() + " request", accepted, sent);
        }
        JsonNode response = resolve(operation.node().path("responses").get(Integer.toString(reply.status())));
        if (response == null) {
            failures.add(at + ", a status the API description does not list for it: " + reply.body());
            return reply;
        }
        JsonNode content = response.get("content");
        if (content == null || content.isEmpty()) {
            if (reply.body() != null && !reply.body().isEmpty()) {
                failures.add(at + " with a body where the API description has none: " + reply.body());
            }
            return reply;
        }
        String type = reply.contentType().split(";")[0].strip().toLowerCase(Locale.ROOT);
        JsonNode media = content.get(type);
        if (media == null) {
            failures.add(at + " with content type '" + reply.contentType() + "'; the API description has " + names(content));
            return reply;
        }
        String key = operation.id() + " " + reply.status() + " " + type;
        if (type.equals("application/json")) {
            validate(at, key, media.get("schema"), reply.body());
        } else if (type.equals("application/x-ndjson")) {
            String[] lines = reply.body().split("\n");
            for (int i = 0; i < lines.length; i++) {
                if (!lines[i].isEmpty()) {
                    validate(at + ", line " + (i + 1), key, media.get("x-line-schema"), lines[i]);
                }
            }
        }
        return reply;
    }

    private void validate(String at, String key, JsonNode schema, String body) {
        if (schema == null) {
            failures.add(at + ": the API description gives no schema for it");
            return;
        }
        List<Error> errors;
        try {
            errors = schemas.computeIfAbsent(key, k -> registry.getSchema(Api.write(wrapper(schema)), InputFormat.JSON))
                    .validate(body, InputFormat.JSON);
        } catch (RuntimeException e) {
            failures.add(at + ": the body could not be validated (" + e + "): " + body);
            return;
        }
        if (!errors.isEmpty()) {
            failures.add(at + " with a body that does not match its schema: " + errors + "\n    body: " + abbreviated(body));
        }
    }

    /**
     * The operation's schema as a schema document of its own whose root also carries the description's components,
     * so {@code $ref: '#/components/schemas/X'} resolves as it does in the description.
     */
    private ObjectNode wrapper(JsonNode schema) {
        ObjectNode root = Api.object();
        root.put("$schema", DIALECT);
        root.set("components", document.get("components"));
        root.putArray("allOf").add(schema);
        return root;
    }

    private JsonNode resolve(JsonNode node) {
        while (node != null && node.has("$ref")) {
            String ref = node.get("$ref").asText();
            node = document.at(ref.substring(1));
            if (node.isMissingNode()) {
                throw new IllegalStateException("unresolvable " + ref);
            }
        }
        return node;
    }

    /** Every failure so far, one per line; empty when every answer matched. */
    List<String> failures() {
        return failures;
    }

    /** The operations of the description that no checked answer belonged to. */
    List<String> unexercised() {
        return operations.stream().filter(o -> !seen.containsKey(o.id())).map(Operation::name).toList();
    }

    /** What was seen: operation id to the statuses it answered. */
    Map<String, Set<Integer>> seen() {
        return seen;
    }

    private static String names(JsonNode content) {
        List<String> names = new ArrayList<>();
        content.fieldNames().forEachRemaining(names::add);
        return names.toString();
    }

    private static String abbreviated(String body) {
        return body.length() > 2000 ? body.substring(0, 2000) + "..." : body;
    }
}
