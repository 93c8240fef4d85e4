package dev.partneraccess.core.review;

/**
 * A review to start: its name, the grants it covers, who decides ({@code owner}, {@code approvers} or a user id),
 * how many days it runs (1..365) and what an undecided item becomes at closing ({@code keep} or {@code revoke}).
 */
public record NewReview(String name, ReviewScope scope, String reviewer, int days, String defaultDecision) {
}
