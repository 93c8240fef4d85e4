package dev.partneraccess.core.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * A content package whose release to partner tiers and regions is governed: the Authorization Services resource it
 * stands for on its resource-server client, its review request, and how long its release lasts.
 */
@Entity(name = "PaContent")
@Table(name = "PA_CONTENT")
@NamedQueries({
        @NamedQuery(name = "PA_Content.deleteByRealm",
                query = "delete from PaContent c where c.realmId = :realmId")
})
public class ContentEntity {

    @Id
    @Column(name = "ID", length = 36, nullable = false)
    private String id;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "NAME", length = 200, nullable = false)
    private String name;

    @Column(name = "KIND", length = 64, nullable = false)
    private String kind;

    @Column(name = "CLIENT_ID", length = 255, nullable = false)
    private String clientId;

    @Column(name = "CLIENT_UUID", length = 36, nullable = false)
    private String clientUuid;

    @Column(name = "URI", length = 2000)
    private String uri;

    @Column(name = "OWNER_ID", length = 36, nullable = false)
    private String owner;

    @Column(name = "MIN_TIER", length = 64, nullable = false)
    private String minTier;

    @Column(name = "REGIONS", length = 1000, nullable = false)
    private String regions;

    @Column(name = "DAYS", nullable = false)
    private int days;

    @Column(name = "BASE_ID", length = 36)
    private String baseId;

    @Column(name = "STATUS", length = 16, nullable = false)
    private String status;

    @Column(name = "RESOURCE_ID", length = 36, nullable = false)
    private String resourceId;

    @Column(name = "REQUEST_ID", length = 36)
    private String requestId;

    @Column(name = "CREATED_AT", nullable = false)
    private long createdAt;

    @Column(name = "CREATED_BY", length = 64, nullable = false)
    private String createdBy;

    @Column(name = "RELEASED_AT")
    private Long releasedAt;

    @Column(name = "EXPIRES_AT")
    private Long expiresAt;

    @Column(name = "ENDED_AT")
    private Long endedAt;

    @Column(name = "END_REASON", length = 2000)
    private String endReason;

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

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getKind() {
        return kind;
    }

    public void setKind(String kind) {
        this.kind = kind;
    }

    public String getClientId() {
        return clientId;
    }

    public void setClientId(String clientId) {
        this.clientId = clientId;
    }

    public String getClientUuid() {
        return clientUuid;
    }

    public void setClientUuid(String clientUuid) {
        this.clientUuid = clientUuid;
    }

    public String getUri() {
        return uri;
    }

    public void setUri(String uri) {
        this.uri = uri;
    }

    public String getOwner() {
        return owner;
    }

    public void setOwner(String owner) {
        this.owner = owner;
    }

    public String getMinTier() {
        return minTier;
    }

    public void setMinTier(String minTier) {
        this.minTier = minTier;
    }

    public String getRegions() {
        return regions;
    }

    public void setRegions(String regions) {
        this.regions = regions;
    }

    public int getDays() {
        return days;
    }

    public void setDays(int days) {
        this.days = days;
    }

    public String getBaseId() {
        return baseId;
    }

    public void setBaseId(String baseId) {
        this.baseId = baseId;
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    public String getResourceId() {
        return resourceId;
    }

    public void setResourceId(String resourceId) {
        this.resourceId = resourceId;
    }

    public String getRequestId() {
        return requestId;
    }

    public void setRequestId(String requestId) {
        this.requestId = requestId;
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

    public Long getReleasedAt() {
        return releasedAt;
    }

    public void setReleasedAt(Long releasedAt) {
        this.releasedAt = releasedAt;
    }

    public Long getExpiresAt() {
        return expiresAt;
    }

    public void setExpiresAt(Long expiresAt) {
        this.expiresAt = expiresAt;
    }

    public Long getEndedAt() {
        return endedAt;
    }

    public void setEndedAt(Long endedAt) {
        this.endedAt = endedAt;
    }

    public String getEndReason() {
        return endReason;
    }

    public void setEndReason(String endReason) {
        this.endReason = endReason;
    }

}
