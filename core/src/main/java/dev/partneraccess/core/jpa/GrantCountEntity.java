package dev.partneraccess.core.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * A realm's count of ACTIVE grants and of those among them issued as exceptions, kept in the same transaction as
 * every grant change, and when the sweep last compared it with the grants themselves. Written by bulk updates only.
 */
@Entity(name = "PaGrantCount")
@Table(name = "PA_GRANT_COUNT")
@NamedQueries({
        @NamedQuery(name = "PA_GrantCount.deleteByRealm",
                query = "delete from PaGrantCount c where c.realmId = :realmId")
})
public class GrantCountEntity {

    @Id
    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "ACTIVE", nullable = false)
    private long active;

    @Column(name = "EXCEPTIONS", nullable = false)
    private long exceptions;

    @Column(name = "CHECKED_AT", nullable = false)
    private long checkedAt;

    public String getRealmId() {
        return realmId;
    }

    public void setRealmId(String realmId) {
        this.realmId = realmId;
    }

    public long getActive() {
        return active;
    }

    public void setActive(long active) {
        this.active = active;
    }

    public long getExceptions() {
        return exceptions;
    }

    public void setExceptions(long exceptions) {
        this.exceptions = exceptions;
    }

    public long getCheckedAt() {
        return checkedAt;
    }

    public void setCheckedAt(long checkedAt) {
        this.checkedAt = checkedAt;
    }
}
