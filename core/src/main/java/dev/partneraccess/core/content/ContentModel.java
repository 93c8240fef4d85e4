package dev.partneraccess.core.content;

/** A content package's row as the services change it, while its transaction holds it. Stores hand it out; the entity stays in them. */
public interface ContentModel {

    String getId();

    void setId(String id);

    String getRealmId();

    void setRealmId(String realmId);

    String getName();

    void setName(String name);

    String getKind();

    void setKind(String kind);

    String getClientId();

    void setClientId(String clientId);

    String getClientUuid();

    void setClientUuid(String clientUuid);

    String getUri();

    void setUri(String uri);

    String getOwner();

    void setOwner(String owner);

    String getMinTier();

    void setMinTier(String minTier);

    int getDays();

    void setDays(int days);

    String getBaseId();

    void setBaseId(String baseId);

    String getStatus();

    void setStatus(String status);

    String getResourceId();

    void setResourceId(String resourceId);

    String getRequestId();

    void setRequestId(String requestId);

    long getCreatedAt();

    void setCreatedAt(long createdAt);

    String getCreatedBy();

    void setCreatedBy(String createdBy);

    Long getReleasedAt();

    void setReleasedAt(Long releasedAt);

    Long getExpiresAt();

    void setExpiresAt(Long expiresAt);

    Long getEndedAt();

    void setEndedAt(Long endedAt);

    String getEndReason();

    void setEndReason(String endReason);

    /** The regions, as given (case kept). */
    java.util.List<String> getRegions();

    void setRegions(java.util.List<String> regions);
}
