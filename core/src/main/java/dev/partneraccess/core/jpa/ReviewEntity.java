package dev.partneraccess.core.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** An access review: a campaign over a snapshot of active grants, decided item by item and applied at its end. */
@Entity(name = "PaReview")
@Table(name = "PA_REVIEW")
@NamedQueries({
        @NamedQuery(name = "PA_Review.deleteByRealm",
                query = "delete from PaReview r where r.realmId = :realmId")
})
public class ReviewEntity {

    @Id
    @Column(name = "ID", length = 36, nullable = false)
    private String id;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "NAME", length = 255, nullable = false)
    private String name;

    @Column(name = "STATUS", length = 16, nullable = false)
    private String status;

    @Column(name = "SCOPE", length = 2000, nullable = false)
    private String scope;

    @Column(name = "REVIEWER", length = 36, nullable = false)
    private String reviewer;

    @Column(name = "DEFAULT_DECISION", length = 16, nullable = false)
    private String defaultDecision;

    @Column(name = "CREATED_AT", nullable = false)
    private long createdAt;

    @Column(name = "CREATED_BY", length = 64, nullable = false)
    private String createdBy;

    @Column(name = "DUE_AT", nullable = false)
    private long dueAt;

    @Column(name = "CLOSED_AT")
    private Long closedAt;

    @Column(name = "SCHEDULE_NAME", length = 255)
    private String scheduleName;

    @Column(name = "PERIOD_KEY", length = 64)
    private String periodKey;

    /** When the reviewers were reminded that the review is due soon; null until then. */
    @Column(name = "REMINDED_AT")
    private Long remindedAt;

    @Version
    @Column(name = "VERSION", nullable = false)
    private int version;

    String getId() {
        return id;
    }

    void setId(String id) {
        this.id = id;
    }

    String getRealmId() {
        return realmId;
    }

    void setRealmId(String realmId) {
        this.realmId = realmId;
    }

    String getName() {
        return name;
    }

    void setName(String name) {
        this.name = name;
    }

    String getStatus() {
        return status;
    }

    void setStatus(String status) {
        this.status = status;
    }

    String getScope() {
        return scope;
    }

    void setScope(String scope) {
        this.scope = scope;
    }

    String getReviewer() {
        return reviewer;
    }

    void setReviewer(String reviewer) {
        this.reviewer = reviewer;
    }

    String getDefaultDecision() {
        return defaultDecision;
    }

    void setDefaultDecision(String defaultDecision) {
        this.defaultDecision = defaultDecision;
    }

    long getCreatedAt() {
        return createdAt;
    }

    void setCreatedAt(long createdAt) {
        this.createdAt = createdAt;
    }

    String getCreatedBy() {
        return createdBy;
    }

    void setCreatedBy(String createdBy) {
        this.createdBy = createdBy;
    }

    long getDueAt() {
        return dueAt;
    }

    void setDueAt(long dueAt) {
        this.dueAt = dueAt;
    }

    Long getClosedAt() {
        return closedAt;
    }

    void setClosedAt(Long closedAt) {
        this.closedAt = closedAt;
    }

    String getScheduleName() {
        return scheduleName;
    }

    void setScheduleName(String scheduleName) {
        this.scheduleName = scheduleName;
    }

    String getPeriodKey() {
        return periodKey;
    }

    void setPeriodKey(String periodKey) {
        this.periodKey = periodKey;
    }

    public Long getRemindedAt() {
        return remindedAt;
    }

    public void setRemindedAt(Long remindedAt) {
        this.remindedAt = remindedAt;
    }
}
