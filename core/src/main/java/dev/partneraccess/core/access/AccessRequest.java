package dev.partneraccess.core.access;

import java.util.List;
import java.util.Map;

/**
 * A request as the services answer it: what it asks for (a governed role for {@code userId}, a grant's renewal or a
 * service account's renewal, {@code type}), why and for how many days, under which policy version, how it stands, and
 * its stages in their order; the requester's answers to the programme's questions, and the reason when it is an
 * exception to the policy (null otherwise). Times are epoch milliseconds.
 */
public record AccessRequest(String id, String type, String userId, String partnerId, String roleName, String clientId,
                            String businessPurpose, int days, String status, int policyVersion, List<Stage> stages,
                            String grantId, String serviceAccountId, long createdAt, String createdBy,
                            Map<String, String> answers, String exceptionReason) {

    public boolean exception() {
        return exceptionReason != null;
    }

    /** The same request with these stages (the stages' approvers filled in). */
    AccessRequest withStages(List<Stage> replaced) {
        return new AccessRequest(id, type, userId, partnerId, roleName, clientId, businessPurpose, days, status,
                policyVersion, replaced, grantId, serviceAccountId, createdAt, createdBy, answers, exceptionReason);
    }

    /**
     * One approval stage: its name, how it stands, and who decided it when, with what justification, and on whose
     * behalf when a delegate decided it. Who may decide it: {@code approverRole} or {@code approverUser}, and after its
     * escalation ({@code escalatedAt}) {@code escalationRole} too. {@code approvers} are the people who may decide a
     * pending stage, when the answer was asked for them (null otherwise; empty for a decided stage).
     */
    public record Stage(String name, String status, String decidedBy, Long decidedAt, String justification,
                        String onBehalfOf, String approverRole, String approverUser, Long escalatedAt,
                        String escalationRole, List<Person> approvers) {

        public boolean escalated() {
            return escalatedAt != null;
        }

        Stage withApprovers(List<Person> people) {
            return new Stage(name, status, decidedBy, decidedAt, justification, onBehalfOf, approverRole, approverUser,
                    escalatedAt, escalationRole, List.copyOf(people));
        }
    }

    /** A user named in an answer: id and username. */
    public record Person(String id, String username) {
    }
}
