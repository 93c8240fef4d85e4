package dev.partneraccess.core.access;

/**
 * A grant as the services answer it: who holds which governed role (a realm role when {@code clientId} is null)
 * through which partner, from which request, from when to when (epoch milliseconds), and how it stands
 * ({@code ACTIVE}, {@code EXPIRED} or {@code REVOKED}, with the reason it ended); {@code exception} when it was
 * granted as an exception to the policy.
 */
public record Grant(String id, String requestId, String userId, String partnerId, String roleName, String clientId,
                    long grantedAt, long expiresAt, String status, String revokedReason, boolean exception) {

    /** A grant within the policy. */
    public Grant(String id, String requestId, String userId, String partnerId, String roleName, String clientId,
                 long grantedAt, long expiresAt, String status, String revokedReason) {
        this(id, requestId, userId, partnerId, roleName, clientId, grantedAt, expiresAt, status, revokedReason, false);
    }
}
