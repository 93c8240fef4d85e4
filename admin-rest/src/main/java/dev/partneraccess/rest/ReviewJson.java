package dev.partneraccess.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.partneraccess.core.review.Review;
import dev.partneraccess.core.review.ReviewItem;
import dev.partneraccess.core.review.ReviewScope;
import dev.partneraccess.core.support.Json;

/** A review's and a review item's representation in the REST API. */
final class ReviewJson {

    private ReviewJson() {
    }

    static ObjectNode write(Review review) {
        ObjectNode json = Json.object();
        json.put("id", review.id());
        json.put("name", review.name());
        json.put("status", review.status());
        json.set("scope", scope(review.scope()));
        json.put("reviewer", review.reviewer());
        json.put("defaultDecision", review.defaultDecision());
        json.put("createdAt", Json.isoTime(review.createdAt()));
        json.put("createdBy", review.createdBy());
        json.put("dueAt", Json.isoTime(review.dueAt()));
        json.put("closedAt", review.closedAt() == null ? null : Json.isoTime(review.closedAt()));
        ObjectNode items = json.putObject("items");
        items.put("total", review.items().total());
        items.put("decided", review.items().decided());
        items.put("kept", review.items().kept());
        items.put("revoked", review.items().revoked());
        return json;
    }

    /** Only the fields the scope gives. */
    static ObjectNode scope(ReviewScope scope) {
        ObjectNode json = Json.object();
        putIfSet(json, "partner", scope.partner());
        putIfSet(json, "tier", scope.tier());
        putIfSet(json, "region", scope.region());
        putIfSet(json, "role", scope.role());
        putIfSet(json, "client", scope.client());
        if (scope.serviceAccounts() != null) {
            json.put("serviceAccounts", scope.serviceAccounts());
        }
        return json;
    }

    private static void putIfSet(ObjectNode json, String field, String value) {
        if (value != null) {
            json.put(field, value);
        }
    }

    static ObjectNode write(ReviewItem item) {
        ObjectNode json = Json.object();
        json.put("id", item.id());
        json.put("grantId", item.grantId());
        json.put("user", item.userId());
        json.put("username", item.username());
        json.put("partner", item.partnerId());
        json.put("role", item.roleName());
        json.put("client", item.clientId());
        json.put("expiresAt", Json.isoTime(item.expiresAt()));
        ArrayNode reviewers = json.putArray("reviewers");
        item.reviewers().forEach(reviewers::add);
        json.put("decision", item.decision());
        json.put("defaulted", item.defaulted());
        json.put("decidedBy", item.decidedBy());
        json.put("decidedAt", item.decidedAt() == null ? null : Json.isoTime(item.decidedAt()));
        json.put("justification", item.justification());
        ObjectNode recommendation = json.putObject("recommendation");
        recommendation.put("decision", item.recommendation().decision());
        recommendation.put("reason", item.recommendation().reason());
        return json;
    }
}
