package dev.partneraccess.core.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** A user who may decide a review item. */
@Entity(name = "PaReviewReviewer")
@Table(name = "PA_REVIEW_REVIEWER")
@NamedQueries({
        @NamedQuery(name = "PA_ReviewReviewer.deleteByRealm",
                query = "delete from PaReviewReviewer r where r.realmId = :realmId")
})
public class ReviewReviewerEntity {

    @Id
    @Column(name = "ID", length = 80, nullable = false)
    private String id;

    @Column(name = "ITEM_ID", length = 36, nullable = false)
    private String itemId;

    @Column(name = "USER_ID", length = 36, nullable = false)
    private String userId;

    @Column(name = "REVIEW_ID", length = 36, nullable = false)
    private String reviewId;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    /** Whether the item is decided: a reviewer's undecided items are one range of the reviewer index. */
    @Column(name = "DECIDED", nullable = false)
    private boolean decided;

    String getId() {
        return id;
    }

    void setId(String id) {
        this.id = id;
    }

    String getItemId() {
        return itemId;
    }

    void setItemId(String itemId) {
        this.itemId = itemId;
    }

    String getUserId() {
        return userId;
    }

    void setUserId(String userId) {
        this.userId = userId;
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

    boolean isDecided() {
        return decided;
    }

    void setDecided(boolean decided) {
        this.decided = decided;
    }
}
