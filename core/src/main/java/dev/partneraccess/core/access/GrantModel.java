package dev.partneraccess.core.access;

/** A grant row as the services change it, while its transaction holds it. Stores hand it out; the entity stays in them. */
public interface GrantModel {

    String getId();

    void setId(String id);

    String getRealmId();

    void setRealmId(String realmId);

    String getRequestId();

    void setRequestId(String requestId);

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

    long getGrantedAt();

    void setGrantedAt(long grantedAt);

    long getExpiresAt();

    void setExpiresAt(long expiresAt);

    String getStatus();

    void setStatus(String status);

    Long getRevokedAt();

    void setRevokedAt(Long revokedAt);

    String getRevokedBy();

    void setRevokedBy(String revokedBy);

    String getRevokedReason();

    void setRevokedReason(String revokedReason);

    boolean isException();

    void setException(boolean exception);
}
