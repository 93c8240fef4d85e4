package dev.partneraccess.core.review;

import static dev.partneraccess.core.review.ReviewService.CLOSED;
import static dev.partneraccess.core.review.ReviewService.KEEP;
import static dev.partneraccess.core.review.ReviewService.REVOKE;

import java.util.List;
import java.util.Optional;

import org.keycloak.common.util.Time;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.partneraccess.core.evidence.EvidenceLedger;
import dev.partneraccess.core.evidence.EvidenceType;
import dev.partneraccess.core.jpa.ReviewStore;
import dev.partneraccess.core.support.Actor;
import dev.partneraccess.core.support.Json;
import dev.partneraccess.core.support.Refusal;
import dev.partneraccess.core.support.TextRules;

/** A reviewer's decision on one item, under separation of duties, recorded as {@code REVIEW_DECIDED}. */
final class ReviewDecisions {

    private final RealmModel realm;
    private final EvidenceLedger ledger;
    private final ReviewStore store;
    private final ReviewQueries queries;

    ReviewDecisions(RealmModel realm, EvidenceLedger ledger, ReviewStore store, ReviewQueries queries) {
        this.realm = realm;
        this.ledger = ledger;
        this.store = store;
        this.queries = queries;
    }

    /**
     * The review row is locked first, then the item, the order closing takes them in, so no decision lands on a
     * review being closed.
     */
    ReviewItem decide(String reviewId, String itemId, ItemDecision input, UserModel reviewer, Actor actor) {
        Review review = ReviewQueries.found(TextRules.plausibleId(reviewId) ? store.locked(realm.getId(), reviewId)
                : Optional.empty(), reviewId);
        ReviewItem item = (TextRules.plausibleId(itemId) ? store.lockedItem(review.id(), itemId) : Optional.<ReviewItem>empty())
                .orElseThrow(() -> Refusal.notFound("No item '" + itemId + "' in review '" + reviewId + "'."));
        if (item.userId().equals(reviewer.getId())) {
            throw Refusal.forbidden("Nobody reviews their own access: this item is your own grant.");
        }
        if (item.serviceAccount() && store.serviceAccountOwner(realm.getId(), item.userId())
                .filter(reviewer.getId()::equals).isPresent()) {
            throw Refusal.forbidden("Nobody reviews their own access: you own this service account.");
        }
        if (!item.reviewers().contains(reviewer.getId())) {
            throw Refusal.forbidden("You are not a reviewer of this item.");
        }
        if (CLOSED.equals(review.status())) {
            throw Refusal.conflict("status", "Review '" + review.id() + "' is CLOSED; it takes no more decisions.");
        }
        if (store.closingBegun(review.id())) {
            // Closing applies the decisions as they stood when it began; a later one would land on some batches only.
            throw Refusal.conflict("status", "Review '" + review.id() + "' is being closed; it takes no more decisions.");
        }
        if (item.decision() != null) {
            throw Refusal.conflict("decision", "This item was already decided: " + item.decision() + ".");
        }
        if (!KEEP.equals(input.decision()) && !REVOKE.equals(input.decision())) {
            throw Refusal.invalid("decision", "'decision' must be 'keep' or 'revoke'.");
        }
        long now = Time.currentTimeMillis();
        store.decide(item.id(), input.decision(), false, actor.recorded(), now, input.justification());
        ObjectNode details = itemDetails(review, item);
        details.put("decision", input.decision());
        details.put("justification", input.justification());
        ledger.append(realm.getId(), EvidenceType.REVIEW_DECIDED, actor, item.id(), item.partnerId(), details);
        return queries.read(store.lockedItem(review.id(), item.id()).map(List::of).orElseThrow()).get(0);
    }

    private static ObjectNode itemDetails(Review review, ReviewItem item) {
        ObjectNode details = Json.object();
        details.put("reviewId", review.id());
        details.put("grantId", item.grantId());
        details.put("user", item.userId());
        details.put("role", item.roleName());
        details.put("client", item.clientId());
        return details;
    }
}
