package dev.partneraccess.core.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** One ledger record. Rows are inserted, never updated: no setter is called after persist. */
@Entity(name = "PaEvidence")
@Table(name = "PA_EVIDENCE")
@NamedQueries({
        @NamedQuery(name = "PA_Evidence.deleteByRealm",
                query = "delete from PaEvidence e where e.realmId = :realmId")
})
public class EvidenceEntity {

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "SEQ", nullable = false)
    private long seq;

    @Column(name = "EVENT_TIME", nullable = false)
    private long time;

    @Column(name = "TYPE", length = 64, nullable = false)
    private String type;

    @Column(name = "ACTOR", length = 64, nullable = false)
    private String actor;

    @Column(name = "SUBJECT", length = 255)
    private String subject;

    @Column(name = "PARTNER_ID", length = 36)
    private String partner;

    @Column(name = "DETAILS", nullable = false)
    private String details;

    @Column(name = "PREV_HASH", length = 64, nullable = false)
    private String prevHash;

    @Column(name = "HASH", length = 64, nullable = false)
    private String hash;

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

    public long getSeq() {
        return seq;
    }

    public void setSeq(long seq) {
        this.seq = seq;
    }

    public long getTime() {
        return time;
    }

    public void setTime(long time) {
        this.time = time;
    }

    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = type;
    }

    public String getActor() {
        return actor;
    }

    public void setActor(String actor) {
        this.actor = actor;
    }

    public String getSubject() {
        return subject;
    }

    public void setSubject(String subject) {
        this.subject = subject;
    }

    public String getPartner() {
        return partner;
    }

    public void setPartner(String partner) {
        this.partner = partner;
    }

    public String getDetails() {
        return details;
    }

    public void setDetails(String details) {
        this.details = details;
    }

    public String getPrevHash() {
        return prevHash;
    }

    public void setPrevHash(String prevHash) {
        this.prevHash = prevHash;
    }

    public String getHash() {
        return hash;
    }

    public void setHash(String hash) {
        this.hash = hash;
    }
}
