package dev.partneraccess.core.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** An expiry notice sent for a grant at one threshold; its key makes a second notice for the same pair impossible. */
@Entity(name = "PaGrantNotice")
@Table(name = "PA_GRANT_NOTICE")
@NamedQueries({
        @NamedQuery(name = "PA_Notice.ofGrants",
                query = "select n from PaGrantNotice n where n.grantId in :ids"),
        @NamedQuery(name = "PA_Notice.deleteByRealm",
                query = "delete from PaGrantNotice n where n.realmId = :realmId")
})
public class NoticeEntity {

    /** The notice's key: one per grant and threshold. */
    public static String key(String grantId, int thresholdDays) {
        return grantId + ":" + thresholdDays;
    }

    @Id
    @Column(name = "ID", length = 48, nullable = false)
    private String id;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "GRANT_ID", length = 36, nullable = false)
    private String grantId;

    @Column(name = "THRESHOLD_DAYS", nullable = false)
    private int thresholdDays;

    @Column(name = "SENT_AT", nullable = false)
    private long sentAt;

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getRealmId() {
        return realmId;
    }

    public void setRealmId(String realmId) {
        this.realmId = realmId;
    }

    public String getGrantId() {
        return grantId;
    }

    public void setGrantId(String grantId) {
        this.grantId = grantId;
    }

    public int getThresholdDays() {
        return thresholdDays;
    }

    public void setThresholdDays(int thresholdDays) {
        this.thresholdDays = thresholdDays;
    }

    public long getSentAt() {
        return sentAt;
    }

    public void setSentAt(long sentAt) {
        this.sentAt = sentAt;
    }
}
