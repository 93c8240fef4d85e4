package dev.partneraccess.core.access;

/**
 * A partner's service account as the services answer it: its client (internal id and client id), partner, purpose,
 * owner, end and secret age (epoch milliseconds), whether it can obtain tokens now (its row and its client both
 * enabled), and when it last did. {@code secret} is set only in the answer that creates or rotates the secret.
 */
public record ServiceAccount(String id, String clientId, String partnerId, String purpose, String ownerId, long expiresAt,
                             long secretRotatedAt, boolean enabled, Long lastUsedAt, String secret) {

    ServiceAccount withSecret(String newSecret) {
        return new ServiceAccount(id, clientId, partnerId, purpose, ownerId, expiresAt, secretRotatedAt, enabled, lastUsedAt,
                newSecret);
    }
}
