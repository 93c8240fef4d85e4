package dev.partneraccess.core.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A governed role held through an approved request: the role mapping's reason and its end. */
@Entity(name = "PaGrant")
@Table(name = "PA_GRANT")
@NamedQueries({
        @NamedQuery(name = "PA_Grant.activeForUser",
                query = "select g from PaGrant g where g.realmId = :realmId and g.userId = :userId and g.status = 'ACTIVE' order by g.expiresAt, g.id"),
        @NamedQuery(name = "PA_Grant.activeForUserRole",
                query = "select g from PaGrant g where g.realmId = :realmId and g.userId = :userId and g.roleId = :roleId and g.status = 'ACTIVE'"),
        @NamedQuery(name = "PA_Grant.activeForPartner",
                query = "select g from PaGrant g where g.realmId = :realmId and g.partnerId = :partnerId and g.status = 'ACTIVE' order by g.id"),
        @NamedQuery(name = "PA_Grant.deleteByRealm",
                query = "delete from PaGrant g where g.realmId = :realmId")
})
public class GrantEntity {

    @Id
    @Column(name = "ID", length = 36, nullable = false)
    private String id;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "REQUEST_ID", length = 36)
    private String requestId;

    @Column(name = "USER_ID", length = 36, nullable = false)
    private String userId;

    @Column(name = "PARTNER_ID", length = 36, nullable = false)
    private String partnerId;

    @Column(name = "ROLE_ID", length = 36, nullable = false)
    private String roleId;

    @Column(name = "ROLE_NAME", length = 255, nullable = false)
    private String roleName;

    @Column(name = "CLIENT_ID", length = 255)
    private String clientId;

    @Column(name = "GRANTED_AT", nullable = false)
    private long grantedAt;

    @Column(name = "EXPIRES_AT", nullable = false)
    private long expiresAt;

    @Column(name = "STATUS", length = 16, nullable = false)
    private String status;

    @Column(name = "REVOKED_AT")
    private Long revokedAt;

    @Column(name = "REVOKED_BY", length = 64)
    private String revokedBy;

    @Column(name = "REVOKED_REASON", length = 2000)
    private String revokedReason;

    @Version
    @Column(name = "VERSION", nullable = false)
    private int version;

    @Column(name = "EXCEPTION", nullable = false)
    private boolean exception;

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

    public String getRequestId() {
        return requestId;
    }

    public void setRequestId(String requestId) {
        this.requestId = requestId;
    }

    public String getUserId() {
        return userId;
    }

    public void setUserId(String userId) {
        this.userId = userId;
    }

    public String getPartnerId() {
        return partnerId;
    }

    public void setPartnerId(String partnerId) {
        this.partnerId = partnerId;
    }

    public String getRoleId() {
        return roleId;
    }

    public void setRoleId(String roleId) {
        this.roleId = roleId;
    }

    public String getRoleName() {
        return roleName;
    }

    public void setRoleName(String roleName) {
        this.roleName = roleName;
    }

    public String getClientId() {
        return clientId;
    }

    public void setClientId(String clientId) {
        this.clientId = clientId;
    }

    public long getGrantedAt() {
        return grantedAt;
    }

    public void setGrantedAt(long grantedAt) {
        this.grantedAt = grantedAt;
    }

    public long getExpiresAt() {
        return expiresAt;
    }

    public void setExpiresAt(long expiresAt) {
        this.expiresAt = expiresAt;
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    public Long getRevokedAt() {
        return revokedAt;
    }

    public void setRevokedAt(Long revokedAt) {
        this.revokedAt = revokedAt;
    }

    public String getRevokedBy() {
        return revokedBy;
    }

    public void setRevokedBy(String revokedBy) {
        this.revokedBy = revokedBy;
    }

    public String getRevokedReason() {
        return revokedReason;
    }

    public void setRevokedReason(String revokedReason) {
        this.revokedReason = revokedReason;
    }

    public int getVersion() {
        return version;
    }

    public boolean isException() {
        return exception;
    }

    public void setException(boolean exception) {
        this.exception = exception;
    }
}
