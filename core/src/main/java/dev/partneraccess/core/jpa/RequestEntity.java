package dev.partneraccess.core.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** An access request: who asks for which governed role, why, for how long, and where its decision stands. */
@Entity(name = "PaRequest")
@Table(name = "PA_REQUEST")
@NamedQueries({
        @NamedQuery(name = "PA_Request.pending",
                query = "select r from PaRequest r where r.realmId = :realmId and r.userId = :userId and r.roleId = :roleId and r.status = 'PENDING'"),
        @NamedQuery(name = "PA_Request.byIds",
                query = "select r from PaRequest r where r.id in :ids"),
        @NamedQuery(name = "PA_Request.awaiting",
                query = "select r from PaRequest r where r.realmId = :realmId and r.status = 'PENDING' and exists (select s.id from PaRequestStage s where s.requestId = r.id and s.status = 'PENDING' and (s.approverRole in :roles or s.escalationRole in :roles or s.approverUser in :userIds)) order by r.createdAt, r.id"),
        @NamedQuery(name = "PA_Request.deleteByRealm",
                query = "delete from PaRequest r where r.realmId = :realmId")
})
public class RequestEntity {

    @Id
    @Column(name = "ID", length = 36, nullable = false)
    private String id;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "TYPE", length = 16, nullable = false)
    private String type;

    @Column(name = "USER_ID", length = 36, nullable = false)
    private String userId;

    @Column(name = "PARTNER_ID", length = 36)
    private String partnerId;

    @Column(name = "ROLE_ID", length = 36, nullable = false)
    private String roleId;

    @Column(name = "ROLE_NAME", length = 255, nullable = false)
    private String roleName;

    @Column(name = "CLIENT_ID", length = 255)
    private String clientId;

    @Column(name = "BUSINESS_PURPOSE", length = 2000, nullable = false)
    private String businessPurpose;

    @Column(name = "DAYS", nullable = false)
    private int days;

    @Column(name = "STATUS", length = 16, nullable = false)
    private String status;

    @Column(name = "POLICY_VERSION", nullable = false)
    private int policyVersion;

    @Column(name = "GRANT_ID", length = 36)
    private String grantId;

    @Column(name = "RENEWS_GRANT_ID", length = 36)
    private String renewsGrantId;

    @Column(name = "CREATED_AT", nullable = false)
    private long createdAt;

    @Column(name = "CREATED_BY", length = 36, nullable = false)
    private String createdBy;

    @Column(name = "CLOSED_AT")
    private Long closedAt;

    @Column(name = "SERVICE_ACCOUNT_ID", length = 36)
    private String serviceAccountId;

    @Version
    @Column(name = "VERSION", nullable = false)
    private int version;

    @Column(name = "ANSWERS")
    private String answers;

    @Column(name = "EXCEPTION_REASON", length = 2000)
    private String exceptionReason;

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

    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = type;
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

    public String getBusinessPurpose() {
        return businessPurpose;
    }

    public void setBusinessPurpose(String businessPurpose) {
        this.businessPurpose = businessPurpose;
    }

    public int getDays() {
        return days;
    }

    public void setDays(int days) {
        this.days = days;
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    public int getPolicyVersion() {
        return policyVersion;
    }

    public void setPolicyVersion(int policyVersion) {
        this.policyVersion = policyVersion;
    }

    public String getGrantId() {
        return grantId;
    }

    public void setGrantId(String grantId) {
        this.grantId = grantId;
    }

    public String getRenewsGrantId() {
        return renewsGrantId;
    }

    public void setRenewsGrantId(String renewsGrantId) {
        this.renewsGrantId = renewsGrantId;
    }

    public long getCreatedAt() {
        return createdAt;
    }

    public void setCreatedAt(long createdAt) {
        this.createdAt = createdAt;
    }

    public String getCreatedBy() {
        return createdBy;
    }

    public void setCreatedBy(String createdBy) {
        this.createdBy = createdBy;
    }

    public Long getClosedAt() {
        return closedAt;
    }

    public void setClosedAt(Long closedAt) {
        this.closedAt = closedAt;
    }

    /** Set on the renewal of a service account: the client's id. Such a request names no role to grant. */
    public String getServiceAccountId() {
        return serviceAccountId;
    }

    public void setServiceAccountId(String serviceAccountId) {
        this.serviceAccountId = serviceAccountId;
    }

    public int getVersion() {
        return version;
    }

    public String getAnswers() {
        return answers;
    }

    public void setAnswers(String answers) {
        this.answers = answers;
    }

    public String getExceptionReason() {
        return exceptionReason;
    }

    public void setExceptionReason(String exceptionReason) {
        this.exceptionReason = exceptionReason;
    }
}
