package dev.partneraccess.core.access;

/**
 * An approver's decision on one stage of a request: the stage's name, approve or reject, and the justification
 * (required to reject, at most {@link RequestService#JUSTIFICATION_MAX} characters; null when an approval gives none).
 */
public record StageDecision(String stage, Decision decision, String justification) {

    public enum Decision {
        APPROVE, REJECT
    }

    public boolean approves() {
        return decision == Decision.APPROVE;
    }
}
