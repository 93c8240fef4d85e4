package dev.partneraccess.rest;

import java.util.Iterator;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import dev.partneraccess.core.review.ItemDecision;
import dev.partneraccess.core.review.NewReview;
import dev.partneraccess.core.review.ReviewScope;
import dev.partneraccess.core.review.ReviewService;
import dev.partneraccess.core.support.Json;
import dev.partneraccess.core.support.JsonBody;
import dev.partneraccess.core.support.Refusal;

/**
 * The bodies of {@code POST /reviews} and {@code POST /reviews/{id}/items/{itemId}/decision}: unknown fields first,
 * then each field in turn; nothing here looks anything up.
 */
final class ReviewInputs {

    private ReviewInputs() {
    }

    static NewReview newReview(JsonBody body) {
        body.allowOnly("name", "scope", "reviewer", "days", "defaultDecision");
        String name = body.requiredString("name", ReviewService.NAME_MAX);
        ReviewScope scope = scope(body.node().get("scope"));
        String reviewer = body.requiredString("reviewer", 36);
        int days = body.requiredInt("days", ReviewService.DAYS_MIN, ReviewService.DAYS_MAX);
        String defaultDecision = body.requiredString("defaultDecision", 16);
        oneOf("defaultDecision", defaultDecision);
        return new NewReview(name, scope, reviewer, days, defaultDecision);
    }

    /** The scope object: only its known fields, at least one of them. */
    static ReviewScope scope(JsonNode node) {
        if (node == null || node.isNull()) {
            throw Refusal.invalid("scope", "'scope' is required.");
        }
        if (!node.isObject()) {
            throw Refusal.invalid("scope", "'scope' must be a JSON object.");
        }
        List<String> allowed = List.of(ReviewScope.FIELDS);
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw Refusal.invalid("scope." + name, "Unknown scope field '" + name + "'. Allowed scope fields: "
                        + String.join(", ", allowed) + ".");
            }
        }
        JsonBody scope = JsonBody.parse(Json.write(node));
        ReviewScope parsed = new ReviewScope(scope.optionalString("partner", 36), scope.optionalString("tier", 255),
                scope.optionalString("region", 255), scope.optionalString("role", 255), scope.optionalString("client", 255),
                scope.optionalBoolean("serviceAccounts"));
        if (parsed.isEmpty()) {
            throw Refusal.invalid("scope", "'scope' must name at least one of " + String.join(", ", allowed) + ".");
        }
        return parsed;
    }

    static ItemDecision decision(JsonBody body) {
        body.allowOnly("decision", "justification");
        String decision = body.requiredString("decision", 16);
        oneOf("decision", decision);
        String justification = body.requiredText("justification", ReviewService.JUSTIFICATION_MAX);
        return new ItemDecision(decision, justification);
    }

    private static void oneOf(String field, String value) {
        if (!ReviewService.KEEP.equals(value) && !ReviewService.REVOKE.equals(value)) {
            throw Refusal.invalid(field, "'" + field + "' must be 'keep' or 'revoke'.");
        }
    }
}
