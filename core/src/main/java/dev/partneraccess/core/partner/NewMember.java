package dev.partneraccess.core.partner;

/** A user to add to a partner, named by exactly one of {@code username} or {@code userId}, with an optional unit. */
public record NewMember(String username, String userId, String businessUnit) {
}
