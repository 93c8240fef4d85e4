package dev.partneraccess.core.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** One version of a realm's policy document; versions are only ever added. */
@Entity(name = "PaPolicyVersion")
@Table(name = "PA_POLICY")
@NamedQueries({
        @NamedQuery(name = "PA_PolicyVersion.latest",
                query = "select p from PaPolicyVersion p where p.realmId = :realmId order by p.version desc"),
        @NamedQuery(name = "PA_PolicyVersion.deleteByRealm",
                query = "delete from PaPolicyVersion p where p.realmId = :realmId")
})
public class PolicyVersionEntity {

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "VERSION", nullable = false)
    private int version;

    @Column(name = "DOCUMENT", nullable = false)
    private String document;

    @Column(name = "UPDATED_AT", nullable = false)
    private long updatedAt;

    @Column(name = "UPDATED_BY", length = 36)
    private String updatedBy;

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

    public int getVersion() {
        return version;
    }

    public void setVersion(int version) {
        this.version = version;
    }

    public String getDocument() {
        return document;
    }

    public void setDocument(String document) {
        this.document = document;
    }

    public long getUpdatedAt() {
        return updatedAt;
    }

    public void setUpdatedAt(long updatedAt) {
        this.updatedAt = updatedAt;
    }

    public String getUpdatedBy() {
        return updatedBy;
    }

    public void setUpdatedBy(String updatedBy) {
        this.updatedBy = updatedBy;
    }
}
