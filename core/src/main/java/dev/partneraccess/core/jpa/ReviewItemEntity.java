package dev.partneraccess.core.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** One grant of a review as it stood when the review started, and its decision. */
@Entity(name = "PaReviewItem")
@Table(name = "PA_REVIEW_ITEM")
@NamedQueries({
        @NamedQuery(name = "PA_ReviewItem.deleteByRealm",
                query = "delete from PaReviewItem i where i.realmId = :realmId")
})
public class ReviewItemEntity {

    @Id
    @Column(name = "ID", length = 36, nullable = false)
    private String id;

    @Column(name = "REVIEW_ID", length = 36, nullable = false)
    private String reviewId;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "GRANT_ID", length = 36, nullable = false)
    private String grantId;

    @Column(name = "USER_ID", length = 36, nullable = false)
    private String userId;

    @Column(name = "PARTNER_ID", length = 36, nullable = false)
    private String partnerId;

    @Column(name = "ROLE_ID", length = 36, nullable = false)
    private String roleId;

    @Column(name = "ROLE_NAME", length = 255, nullable = false)
    private String roleName;

    @Column(name = "CLIENT_ID", length = 255)
    private String clientId;

    @Column(name = "GRANTED_AT", nullable = false)
    private long grantedAt;

    @Column(name = "EXPIRES_AT", nullable = false)
    private long expiresAt;

    @Column(name = "SERVICE_ACCOUNT", nullable = false)
    private boolean serviceAccount;

    @Column(name = "DECISION", length = 16)
    private String decision;

    @Column(name = "DEFAULTED", nullable = false)
    private boolean defaulted;

    @Column(name = "DECIDED_BY", length = 64)
    private String decidedBy;

    @Column(name = "DECIDED_AT")
    private Long decidedAt;

    @Column(name = "JUSTIFICATION", length = 2000)
    private String justification;

    /** What closing did with the item: kept, revoked or skipped; null until closing reaches it. */
    @Column(name = "OUTCOME", length = 16)
    private String outcome;

    @Version
    @Column(name = "VERSION", nullable = false)
    private int version;

    String getId() {
        return id;
    }

    void setId(String id) {
        this.id = id;
    }

    String getReviewId() {
        return reviewId;
    }

    void setReviewId(String reviewId) {
        this.reviewId = reviewId;
    }

    String getRealmId() {
        return realmId;
    }

    void setRealmId(String realmId) {
        this.realmId = realmId;
    }

    String getGrantId() {
        return grantId;
    }

    void setGrantId(String grantId) {
        this.grantId = grantId;
    }

    String getUserId() {
        return userId;
    }

    void setUserId(String userId) {
        this.userId = userId;
    }

    String getPartnerId() {
        return partnerId;
    }

    void setPartnerId(String partnerId) {
        this.partnerId = partnerId;
    }

    String getRoleId() {
        return roleId;
    }

    void setRoleId(String roleId) {
        this.roleId = roleId;
    }

    String getRoleName() {
        return roleName;
    }

    void setRoleName(String roleName) {
        this.roleName = roleName;
    }

    String getClientId() {
        return clientId;
    }

    void setClientId(String clientId) {
        this.clientId = clientId;
    }

    long getGrantedAt() {
        return grantedAt;
    }

    void setGrantedAt(long grantedAt) {
        this.grantedAt = grantedAt;
    }

    long getExpiresAt() {
        return expiresAt;
    }

    void setExpiresAt(long expiresAt) {
        this.expiresAt = expiresAt;
    }

    boolean isServiceAccount() {
        return serviceAccount;
    }

    void setServiceAccount(boolean serviceAccount) {
        this.serviceAccount = serviceAccount;
    }

    String getDecision() {
        return decision;
    }

    void setDecision(String decision) {
        this.decision = decision;
    }

    boolean isDefaulted() {
        return defaulted;
    }

    void setDefaulted(boolean defaulted) {
        this.defaulted = defaulted;
    }

    String getDecidedBy() {
        return decidedBy;
    }

    void setDecidedBy(String decidedBy) {
        this.decidedBy = decidedBy;
    }

    Long getDecidedAt() {
        return decidedAt;
    }

    void setDecidedAt(Long decidedAt) {
        this.decidedAt = decidedAt;
    }

    String getJustification() {
        return justification;
    }

    void setJustification(String justification) {
        this.justification = justification;
    }

    public String getOutcome() {
        return outcome;
    }

    public void setOutcome(String outcome) {
        this.outcome = outcome;
    }
}
