package dev.partneraccess.core.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * The head of a realm's evidence chain: the last sequence number and hash. Appends lock this row, which serialises
 * them per realm across every node sharing the database.
 */
@Entity(name = "PaEvidenceHead")
@Table(name = "PA_EVIDENCE_HEAD")
@NamedQueries({
        @NamedQuery(name = "PA_EvidenceHead.deleteByRealm",
                query = "delete from PaEvidenceHead h where h.realmId = :realmId")
})
public class EvidenceHeadEntity {

    @Id
    @Column(name = "REALM_ID", length = 36)
    private String realmId;

    @Column(name = "LAST_SEQ", nullable = false)
    private long lastSeq;

    @Column(name = "LAST_HASH", length = 64, nullable = false)
    private String lastHash;

    public String getRealmId() {
        return realmId;
    }

    public void setRealmId(String realmId) {
        this.realmId = realmId;
    }

    public long getLastSeq() {
        return lastSeq;
    }

    public void setLastSeq(long lastSeq) {
        this.lastSeq = lastSeq;
    }

    public String getLastHash() {
        return lastHash;
    }

    public void setLastHash(String lastHash) {
        this.lastHash = lastHash;
    }
}
