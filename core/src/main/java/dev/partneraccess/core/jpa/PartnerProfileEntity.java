package dev.partneraccess.core.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** The {@code partner.*} attributes of a partner organization as the product last wrote or accepted them. */
@Entity(name = "PaPartnerProfile")
@Table(name = "PA_PARTNER_PROFILE")
@NamedQueries({
        @NamedQuery(name = "PA_PartnerProfile.deleteByRealm",
                query = "delete from PaPartnerProfile p where p.realmId = :realmId"),
        @NamedQuery(name = "PA_PartnerProfile.idsOfRealm",
                query = "select p.id from PaPartnerProfile p where p.realmId = :realmId")
})
public class PartnerProfileEntity {

    @Id
    @Column(name = "ID", length = 36, nullable = false)
    private String id;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    /** The attributes as a JSON object of string arrays. */
    @Column(name = "ATTRIBUTES", nullable = false)
    private String attributes;

    @Column(name = "UPDATED_AT", nullable = false)
    private long updatedAt;

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

    public String getAttributes() {
        return attributes;
    }

    public void setAttributes(String attributes) {
        this.attributes = attributes;
    }

    public long getUpdatedAt() {
        return updatedAt;
    }

    public void setUpdatedAt(long updatedAt) {
        this.updatedAt = updatedAt;
    }
}
