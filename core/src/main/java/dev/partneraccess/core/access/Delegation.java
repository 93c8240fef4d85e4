package dev.partneraccess.core.access;

/**
 * An approver's delegation: {@code toUserId} may decide, until {@code until} (epoch milliseconds, exclusive), the
 * stages {@code fromUserId} may decide.
 */
public record Delegation(String id, String fromUserId, String toUserId, long until, long createdAt) {

    public boolean activeAt(long now) {
        return until > now;
    }
}
