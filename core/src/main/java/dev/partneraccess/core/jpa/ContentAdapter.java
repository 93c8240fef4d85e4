package dev.partneraccess.core.jpa;

import java.util.Arrays;
import java.util.List;

import dev.partneraccess.core.content.ContentModel;

/** The {@link ContentModel} of a {@link ContentEntity}; only the stores build one. Regions are stored comma-separated. */
final class ContentAdapter implements ContentModel {

    final ContentEntity entity;

    ContentAdapter(ContentEntity entity) {
        this.entity = entity;
    }

    @Override
    public String getId() {
        return entity.getId();
    }

    @Override
    public void setId(String id) {
        entity.setId(id);
    }

    @Override
    public String getRealmId() {
        return entity.getRealmId();
    }

    @Override
    public void setRealmId(String realmId) {
        entity.setRealmId(realmId);
    }

    @Override
    public String getName() {
        return entity.getName();
    }

    @Override
    public void setName(String name) {
        entity.setName(name);
    }

    @Override
    public String getKind() {
        return entity.getKind();
    }

    @Override
    public void setKind(String kind) {
        entity.setKind(kind);
    }

    @Override
    public String getClientId() {
        return entity.getClientId();
    }

    @Override
    public void setClientId(String clientId) {
        entity.setClientId(clientId);
    }

    @Override
    public String getClientUuid() {
        return entity.getClientUuid();
    }

    @Override
    public void setClientUuid(String clientUuid) {
        entity.setClientUuid(clientUuid);
    }

    @Override
    public String getUri() {
        return entity.getUri();
    }

    @Override
    public void setUri(String uri) {
        entity.setUri(uri);
    }

    @Override
    public String getOwner() {
        return entity.getOwner();
    }

    @Override
    public void setOwner(String owner) {
        entity.setOwner(owner);
    }

    @Override
    public String getMinTier() {
        return entity.getMinTier();
    }

    @Override
    public void setMinTier(String minTier) {
        entity.setMinTier(minTier);
    }

    @Override
    public int getDays() {
        return entity.getDays();
    }

    @Override
    public void setDays(int days) {
        entity.setDays(days);
    }

    @Override
    public String getBaseId() {
        return entity.getBaseId();
    }

    @Override
    public void setBaseId(String baseId) {
        entity.setBaseId(baseId);
    }

    @Override
    public String getStatus() {
        return entity.getStatus();
    }

    @Override
    public void setStatus(String status) {
        entity.setStatus(status);
    }

    @Override
    public String getResourceId() {
        return entity.getResourceId();
    }

    @Override
    public void setResourceId(String resourceId) {
        entity.setResourceId(resourceId);
    }

    @Override
    public String getRequestId() {
        return entity.getRequestId();
    }

    @Override
    public void setRequestId(String requestId) {
        entity.setRequestId(requestId);
    }

    @Override
    public long getCreatedAt() {
        return entity.getCreatedAt();
    }

    @Override
    public void setCreatedAt(long createdAt) {
        entity.setCreatedAt(createdAt);
    }

    @Override
    public String getCreatedBy() {
        return entity.getCreatedBy();
    }

    @Override
    public void setCreatedBy(String createdBy) {
        entity.setCreatedBy(createdBy);
    }

    @Override
    public Long getReleasedAt() {
        return entity.getReleasedAt();
    }

    @Override
    public void setReleasedAt(Long releasedAt) {
        entity.setReleasedAt(releasedAt);
    }

    @Override
    public Long getExpiresAt() {
        return entity.getExpiresAt();
    }

    @Override
    public void setExpiresAt(Long expiresAt) {
        entity.setExpiresAt(expiresAt);
    }

    @Override
    public Long getEndedAt() {
        return entity.getEndedAt();
    }

    @Override
    public void setEndedAt(Long endedAt) {
        entity.setEndedAt(endedAt);
    }

    @Override
    public String getEndReason() {
        return entity.getEndReason();
    }

    @Override
    public void setEndReason(String endReason) {
        entity.setEndReason(endReason);
    }

    @Override
    public List<String> getRegions() {
        return regions(entity.getRegions());
    }

    @Override
    public void setRegions(List<String> regions) {
        entity.setRegions(String.join(",", regions));
    }

    static List<String> regions(String stored) {
        return stored == null || stored.isEmpty() ? List.of() : Arrays.asList(stored.split(","));
    }
}
