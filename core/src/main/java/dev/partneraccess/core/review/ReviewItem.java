package dev.partneraccess.core.review;

import java.util.List;

/**
 * One grant of a review as it stood when the review started, who may decide it and how it was decided
 * ({@code decision} null while undecided; {@code defaulted} when closing gave it the review's default). The
 * holder's username and the recommendation are looked up when the item is read.
 */
public record ReviewItem(String id, String reviewId, String grantId, String userId, String username, String partnerId,
                         String roleName, String clientId, long grantedAt, long expiresAt, boolean serviceAccount,
                         List<String> reviewers, String decision, boolean defaulted, String decidedBy, Long decidedAt,
                         String justification, Recommendation recommendation) {

    ReviewItem withReading(String holderUsername, Recommendation computed) {
        return new ReviewItem(id, reviewId, grantId, userId, holderUsername, partnerId, roleName, clientId, grantedAt,
                expiresAt, serviceAccount, reviewers, decision, defaulted, decidedBy, decidedAt, justification, computed);
    }
}
