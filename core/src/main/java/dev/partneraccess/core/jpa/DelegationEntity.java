package dev.partneraccess.core.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** An approver's delegation of their stage decisions to another user, until a time; one per approver. */
@Entity(name = "PaDelegation")
@Table(name = "PA_DELEGATION")
@NamedQueries({
        @NamedQuery(name = "PA_Delegation.from",
                query = "select d from PaDelegation d where d.realmId = :realmId and d.fromUser = :userId"),
        @NamedQuery(name = "PA_Delegation.activeTo",
                query = "select d from PaDelegation d where d.realmId = :realmId and d.toUser = :userId and d.until > :now order by d.fromUser"),
        @NamedQuery(name = "PA_Delegation.lapsed",
                query = "select d from PaDelegation d where d.realmId = :realmId and d.until <= :now order by d.until, d.id"),
        @NamedQuery(name = "PA_Delegation.deleteByRealm",
                query = "delete from PaDelegation d where d.realmId = :realmId")
})
public class DelegationEntity {

    @Id
    @Column(name = "ID", length = 36, nullable = false)
    private String id;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "FROM_USER", length = 36, nullable = false)
    private String fromUser;

    @Column(name = "TO_USER", length = 36, nullable = false)
    private String toUser;

    @Column(name = "UNTIL", nullable = false)
    private long until;

    @Column(name = "CREATED_AT", nullable = false)
    private long createdAt;

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

    public String getFromUser() {
        return fromUser;
    }

    public void setFromUser(String fromUser) {
        this.fromUser = fromUser;
    }

    public String getToUser() {
        return toUser;
    }

    public void setToUser(String toUser) {
        this.toUser = toUser;
    }

    public long getUntil() {
        return until;
    }

    public void setUntil(long until) {
        this.until = until;
    }

    public long getCreatedAt() {
        return createdAt;
    }

    public void setCreatedAt(long createdAt) {
        this.createdAt = createdAt;
    }
}
