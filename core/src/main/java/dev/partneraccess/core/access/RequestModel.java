package dev.partneraccess.core.access;

/** A request row as the services change it: an access request or a renewal, while its transaction holds it. Stores hand it out; the entity stays in them. */
public interface RequestModel {

    String getId();

    void setId(String id);

    String getRealmId();

    void setRealmId(String realmId);

    String getType();

    void setType(String type);

    String getUserId();

    void setUserId(String userId);

    String getPartnerId();

    void setPartnerId(String partnerId);

    String getRoleId();

    void setRoleId(String roleId);

    String getRoleName();

    void setRoleName(String roleName);

    String getClientId();

    void setClientId(String clientId);

    String getBusinessPurpose();

    void setBusinessPurpose(String businessPurpose);

    int getDays();

    void setDays(int days);

    String getStatus();

    void setStatus(String status);

    int getPolicyVersion();

    void setPolicyVersion(int policyVersion);

    String getGrantId();

    void setGrantId(String grantId);

    String getRenewsGrantId();

    void setRenewsGrantId(String renewsGrantId);

    long getCreatedAt();

    void setCreatedAt(long createdAt);

    String getCreatedBy();

    void setCreatedBy(String createdBy);

    Long getClosedAt();

    void setClosedAt(Long closedAt);

    String getServiceAccountId();

    void setServiceAccountId(String serviceAccountId);

    String getAnswers();

    void setAnswers(String answers);

    String getExceptionReason();

    void setExceptionReason(String exceptionReason);
}
