package dev.partneraccess.core.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A partner's service account: the Keycloak client it is, who owns it, why it exists, and until when. */
@Entity(name = "PaServiceAccount")
@Table(name = "PA_SERVICE_ACCOUNT")
@NamedQueries({
        @NamedQuery(name = "PA_ServiceAccount.ofPartner",
                query = "select a from PaServiceAccount a where a.realmId = :realmId and a.partnerId = :partnerId order by a.clientId"),
        @NamedQuery(name = "PA_ServiceAccount.deleteByRealm",
                query = "delete from PaServiceAccount a where a.realmId = :realmId")
})
public class ServiceAccountEntity {

    @Id
    @Column(name = "ID", length = 36, nullable = false)
    private String id;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "PARTNER_ID", length = 36, nullable = false)
    private String partnerId;

    @Column(name = "CLIENT_ID", length = 255, nullable = false)
    private String clientId;

    @Column(name = "USER_ID", length = 36)
    private String userId;

    @Column(name = "PURPOSE", length = 2000, nullable = false)
    private String purpose;

    @Column(name = "OWNER_ID", length = 36, nullable = false)
    private String owner;

    @Column(name = "CREATED_AT", nullable = false)
    private long createdAt;

    @Column(name = "EXPIRES_AT", nullable = false)
    private long expiresAt;

    @Column(name = "SECRET_ROTATED_AT", nullable = false)
    private long secretRotatedAt;

    @Column(name = "ENABLED", nullable = false)
    private boolean enabled;

    @Column(name = "DISABLED_BY", length = 32)
    private String disabledBy;

    @Column(name = "LAST_USED_AT")
    private Long lastUsedAt;

    @Version
    @Column(name = "VERSION", nullable = false)
    private int version;

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

    public String getPartnerId() {
        return partnerId;
    }

    public void setPartnerId(String partnerId) {
        this.partnerId = partnerId;
    }

    public String getClientId() {
        return clientId;
    }

    public void setClientId(String clientId) {
        this.clientId = clientId;
    }

    public String getUserId() {
        return userId;
    }

    public void setUserId(String userId) {
        this.userId = userId;
    }

    public String getPurpose() {
        return purpose;
    }

    public void setPurpose(String purpose) {
        this.purpose = purpose;
    }

    public String getOwner() {
        return owner;
    }

    public void setOwner(String owner) {
        this.owner = owner;
    }

    public long getCreatedAt() {
        return createdAt;
    }

    public void setCreatedAt(long createdAt) {
        this.createdAt = createdAt;
    }

    public long getExpiresAt() {
        return expiresAt;
    }

    public void setExpiresAt(long expiresAt) {
        this.expiresAt = expiresAt;
    }

    public long getSecretRotatedAt() {
        return secretRotatedAt;
    }

    public void setSecretRotatedAt(long secretRotatedAt) {
        this.secretRotatedAt = secretRotatedAt;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getDisabledBy() {
        return disabledBy;
    }

    public void setDisabledBy(String disabledBy) {
        this.disabledBy = disabledBy;
    }

    public Long getLastUsedAt() {
        return lastUsedAt;
    }

    public void setLastUsedAt(Long lastUsedAt) {
        this.lastUsedAt = lastUsedAt;
    }

    public int getVersion() {
        return version;
    }
}
