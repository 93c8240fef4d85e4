package dev.partneraccess.core.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** How far a realm's evidence chain has been verified, when, and with what result. */
@Entity(name = "PaLedgerCheck")
@Table(name = "PA_LEDGER_CHECK")
@NamedQueries({
        @NamedQuery(name = "PA_LedgerCheck.deleteByRealm",
                query = "delete from PaLedgerCheck c where c.realmId = :realmId")
})
public class LedgerCheckEntity {

    @Id
    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "VERIFIED_SEQ", nullable = false)
    private long verifiedSeq;

    @Column(name = "VERIFIED_HASH", length = 64, nullable = false)
    private String verifiedHash;

    @Column(name = "VERIFIED_AT", nullable = false)
    private long verifiedAt;

    @Column(name = "VALID", nullable = false)
    private boolean valid;

    @Column(name = "FIRST_BROKEN_SEQ")
    private Long firstBrokenSeq;

    public String getRealmId() {
        return realmId;
    }

    public void setRealmId(String realmId) {
        this.realmId = realmId;
    }

    public long getVerifiedSeq() {
        return verifiedSeq;
    }

    public void setVerifiedSeq(long verifiedSeq) {
        this.verifiedSeq = verifiedSeq;
    }

    public String getVerifiedHash() {
        return verifiedHash;
    }

    public void setVerifiedHash(String verifiedHash) {
        this.verifiedHash = verifiedHash;
    }

    public long getVerifiedAt() {
        return verifiedAt;
    }

    public void setVerifiedAt(long verifiedAt) {
        this.verifiedAt = verifiedAt;
    }

    public boolean isValid() {
        return valid;
    }

    public void setValid(boolean valid) {
        this.valid = valid;
    }

    public Long getFirstBrokenSeq() {
        return firstBrokenSeq;
    }

    public void setFirstBrokenSeq(Long firstBrokenSeq) {
        this.firstBrokenSeq = firstBrokenSeq;
    }
}
