package dev.partneraccess.core.review;

import static dev.partneraccess.core.review.ReviewService.CLOSED;
import static dev.partneraccess.core.review.ReviewService.KEEP;
import static dev.partneraccess.core.review.ReviewService.OPEN;
import static dev.partneraccess.core.review.ReviewService.REVOKE;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import dev.partneraccess.core.jpa.LastLoginStore;
import dev.partneraccess.core.jpa.ReviewStore;
import dev.partneraccess.core.support.Paging;
import dev.partneraccess.core.support.Refusal;
import dev.partneraccess.core.support.TextRules;

/** Reads reviews and their items, with the holders' usernames and the recommendations. */
final class ReviewQueries {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final ReviewStore store;
    private final LastLoginStore logins;

    ReviewQueries(KeycloakSession session, RealmModel realm, ReviewStore store, LastLoginStore logins) {
        this.session = session;
        this.realm = realm;
        this.store = store;
        this.logins = logins;
    }

    Review get(String id) {
        return found(TextRules.plausibleId(id) ? store.find(realm.getId(), id) : Optional.empty(), id);
    }

    List<Review> list(String status, Paging paging) {
        status = TextRules.filter("status", status);
        if (status != null && !OPEN.equals(status) && !CLOSED.equals(status)) {
            throw Refusal.invalid("status", "'status' must be one of OPEN, CLOSED.");
        }
        return store.list(realm.getId(), status, paging);
    }

    List<Review> awaiting(String reviewerId, Paging paging) {
        return store.awaiting(realm.getId(), reviewerId, paging);
    }

    List<ReviewItem> items(String reviewId, String decision, String reviewerId, boolean awaiting, Paging paging) {
        Review review = found(TextRules.plausibleId(reviewId) ? store.findUncounted(realm.getId(), reviewId)
                : Optional.empty(), reviewId);
        decision = TextRules.filter("decision", decision);
        if (decision != null && !KEEP.equals(decision) && !REVOKE.equals(decision) && !"undecided".equals(decision)) {
            throw Refusal.invalid("decision", "'decision' must be one of keep, revoke, undecided.");
        }
        boolean undecided = awaiting || "undecided".equals(decision);
        String decided = "undecided".equals(decision) ? null : decision;
        if (awaiting && decided != null) {
            return List.of();
        }
        return read(store.items(review.id(), decided, undecided, reviewerId, paging));
    }

    /**
     * Adds the holders' usernames and the recommendations, read for the whole page at once; a holder from a federated
     * store is looked up through the model.
     */
    List<ReviewItem> read(List<ReviewItem> items) {
        long now = Time.currentTimeMillis();
        List<String> people = items.stream().filter(i -> !i.serviceAccount()).map(ReviewItem::userId).distinct().toList();
        List<String> accounts = items.stream().filter(ReviewItem::serviceAccount).map(ReviewItem::userId).distinct().toList();
        Map<String, Long> lastLogins = logins.lastLogins(realm.getId(), people);
        Map<String, Long> lastUse = store.serviceAccountLastUse(realm.getId(), accounts);
        Map<String, String> usernames = store.localUsernames(realm.getId(),
                items.stream().map(ReviewItem::userId).distinct().toList());
        return items.stream().map(item -> {
            String username = usernames.computeIfAbsent(item.userId(), id -> {
                UserModel user = session.users().getUserById(realm, id);
                return user == null ? "" : user.getUsername();
            });
            Long lastSeen = item.serviceAccount() ? lastUse.get(item.userId()) : lastLogins.get(item.userId());
            return item.withReading(username.isEmpty() ? null : username,
                    Recommendation.of(item.serviceAccount(), lastSeen, item.grantedAt(), now));
        }).toList();
    }

    static Review found(Optional<Review> review, String id) {
        return review.orElseThrow(() -> Refusal.notFound("No review '" + id + "' in this realm."));
    }
}
