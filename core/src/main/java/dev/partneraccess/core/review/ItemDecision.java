package dev.partneraccess.core.review;

/** A reviewer's decision on one item: {@code keep} or {@code revoke}, with a justification. */
public record ItemDecision(String decision, String justification) {
}
