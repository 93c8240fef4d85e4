package dev.partneraccess.core.access;

import java.util.List;

/**
 * A request as the services answer it: what it asks for (a governed role for {@code userId}, a grant's renewal or a
 * service account's renewal, {@code type}), why and for how many days, under which policy version, how it stands, and
 * its stages in their order. Times are epoch milliseconds.
 */
public record AccessRequest(String id, String type, String userId, String partnerId, String roleName, String clientId,
                            String businessPurpose, int days, String status, int policyVersion, List<Stage> stages,
                            String grantId, String serviceAccountId, long createdAt, String createdBy) {

    /** One approval stage: its name, how it stands, and who decided it when, with what justification. */
    public record Stage(String name, String status, String decidedBy, Long decidedAt, String justification) {
    }
}
