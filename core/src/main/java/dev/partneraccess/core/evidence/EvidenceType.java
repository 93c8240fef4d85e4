package dev.partneraccess.core.evidence;

/** The kinds of ledger record; the names are part of the product contract. */
public enum EvidenceType {
    PARTNER_CREATED,
    PARTNER_UPDATED,
    PARTNER_CHANGE_REVERTED,
    TIER_CHANGED,
    MEMBER_ADDED,
    MEMBER_REMOVED,
    PARTNER_SUSPENDED,
    PARTNER_REACTIVATED,
    PARTNER_OFFBOARDED,
    POLICY_CHANGED,
    REQUEST_CREATED,
    STAGE_APPROVED,
    STAGE_REJECTED,
    REQUEST_CANCELLED,
    REQUEST_TIMED_OUT,
    GRANT_ISSUED,
    GRANT_RENEWED,
    GRANT_EXPIRED,
    GRANT_REVOKED,
    OUT_OF_BAND_GRANT_REVERTED,
    OUT_OF_BAND_GRANT_FLAGGED,
    AGREEMENT_ACCEPTED,
    PURPOSE_ATTESTED,
    LOGIN_DENIED,
    EXPIRY_NOTICE_SENT,
    SERVICE_ACCOUNT_CREATED,
    SERVICE_ACCOUNT_SECRET_ROTATED,
    SERVICE_ACCOUNT_DISABLED,
    SERVICE_ACCOUNT_ENABLED,
    SERVICE_ACCOUNT_EXPIRED,
    SERVICE_ACCOUNT_RENEWED,
    /** {@code POST /setup} wired something in the realm; not written when it changed nothing. */
    SETUP_APPLIED,
    REVIEW_STARTED,
    REVIEW_DECIDED,
    /** With the kept, revoked and defaulted counts. */
    REVIEW_CLOSED,
    /** A pending stage waited past its {@code escalateAfterDays}; holders of {@code escalateTo} may decide it too. */
    STAGE_ESCALATED,
    /** An approver let another user decide, until a date, the stages the approver may decide. */
    APPROVAL_DELEGATED,
    /** A delegation ended: withdrawn, replaced or past its date. */
    APPROVAL_DELEGATION_ENDED,
    CONTENT_CREATED,
    CONTENT_SUBMITTED,
    CONTENT_RELEASED,
    /** By an admin with a reason, with its base, or by the sweep when the base is no longer released. */
    CONTENT_WITHDRAWN,
    CONTENT_EXPIRED;

    public static EvidenceType parse(String name) {
        for (EvidenceType type : values()) {
            if (type.name().equals(name)) {
                return type;
            }
        }
        return null;
    }
}
