package dev.partneraccess.core.access;

/**
 * An ACTIVE grant as the token side sees it: which role it gives (a realm role when {@code clientId} is null) and
 * when it ends, in epoch milliseconds. A value: the token mapper keeps it for the rest of the token request.
 */
public record HeldGrant(String id, String roleId, String roleName, String clientId, long expiresAt) {

    /** Whether the grant has reached its end at {@code now}, though the expiry sweep may not have ended it yet. */
    public boolean lapsedAt(long now) {
        return expiresAt <= now;
    }
}
