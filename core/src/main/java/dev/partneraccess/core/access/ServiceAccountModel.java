package dev.partneraccess.core.access;

/** A partner service account row as the services change it, while its transaction holds it. Stores hand it out; the entity stays in them. */
public interface ServiceAccountModel {

    String getId();

    void setId(String id);

    String getRealmId();

    void setRealmId(String realmId);

    String getPartnerId();

    void setPartnerId(String partnerId);

    String getClientId();

    void setClientId(String clientId);

    String getUserId();

    void setUserId(String userId);

    String getPurpose();

    void setPurpose(String purpose);

    String getOwner();

    void setOwner(String owner);

    long getCreatedAt();

    void setCreatedAt(long createdAt);

    long getExpiresAt();

    void setExpiresAt(long expiresAt);

    long getSecretRotatedAt();

    void setSecretRotatedAt(long secretRotatedAt);

    boolean isEnabled();

    void setEnabled(boolean enabled);

    String getDisabledBy();

    void setDisabledBy(String disabledBy);

    Long getLastUsedAt();
}
