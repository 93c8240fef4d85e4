package dev.partneraccess.core.content;

import java.util.List;

/**
 * A content package as the services answer it: what it is (name, kind, the resource-server client holding it and the
 * Authorization Services resource standing for it), to whom it is to be released (tiers from {@code minTier}, the
 * regions), for how many days, and how its release stands. Times are epoch milliseconds, null until they happen.
 */
public record ContentPackage(String id, String name, String kind, String clientId, String uri, String owner,
                             String minTier, List<String> regions, int days, String baseId, String status,
                             String resourceId, String requestId, Long releasedAt, Long expiresAt, long createdAt,
                             String createdBy, Long endedAt, String endReason) {
}
