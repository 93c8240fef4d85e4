package dev.partneraccess.core.access;

import java.util.Map;

import dev.partneraccess.core.support.Refusal;

/**
 * A new access request as the caller asked for it, already read and checked for shape: {@code userId} is the
 * beneficiary (null only for a self-service request that left it out), {@code clientId} null for a realm role,
 * {@code businessPurpose} of {@link RequestService#PURPOSE_MIN}..{@link RequestService#PURPOSE_MAX} characters,
 * {@code days} 1..3650 (the policy's maximum is checked by {@link RequestService#create}), {@code answers} to the
 * programme's questions by question id (checked against the programme by the service), and {@code exceptionReason}
 * when the request asks for an exception to the policy (null otherwise).
 */
public record NewRequest(String userId, String roleName, String clientId, String businessPurpose, int days,
                         Map<String, String> answers, String exceptionReason) {

    /** A request without answers, within the policy. */
    public NewRequest(String userId, String roleName, String clientId, String businessPurpose, int days) {
        this(userId, roleName, clientId, businessPurpose, days, Map.of(), null);
    }

    /**
     * The beneficiary of a self-service request: the caller. A given user id must be the caller's own.
     */
    public static String forSelf(String userId, String callerId) {
        if (userId != null && !userId.equals(callerId)) {
            throw Refusal.forbidden("Self-service requests are for yourself: leave out 'user' or give your own id.");
        }
        return callerId;
    }
}
