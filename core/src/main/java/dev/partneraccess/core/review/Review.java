package dev.partneraccess.core.review;

/**
 * A review as the service answers it, with its item counts. Times are epoch milliseconds; {@code closedAt} is null
 * while the review is {@code OPEN}.
 */
public record Review(String id, String name, String status, ReviewScope scope, String reviewer, String defaultDecision,
                     long createdAt, String createdBy, long dueAt, Long closedAt, Counts items) {

    /** How many items the review has, how many are decided and how. */
    public record Counts(long total, long decided, long kept, long revoked) {
    }
}
