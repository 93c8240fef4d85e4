package dev.partneraccess.core.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** A user's last login as the gate records it, at most once an hour. */
@Entity(name = "PaLastLogin")
@Table(name = "PA_LAST_LOGIN")
@NamedQueries({
        @NamedQuery(name = "PA_LastLogin.deleteByRealm",
                query = "delete from PaLastLogin l where l.realmId = :realmId")
})
public class LastLoginEntity {

    @Id
    @Column(name = "USER_ID", length = 36, nullable = false)
    private String userId;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "LOGIN_AT", nullable = false)
    private long loginAt;

    String getUserId() {
        return userId;
    }

    void setUserId(String userId) {
        this.userId = userId;
    }

    String getRealmId() {
        return realmId;
    }

    void setRealmId(String realmId) {
        this.realmId = realmId;
    }

    long getLoginAt() {
        return loginAt;
    }

    void setLoginAt(long loginAt) {
        this.loginAt = loginAt;
    }
}
