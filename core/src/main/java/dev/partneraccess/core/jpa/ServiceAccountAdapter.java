package dev.partneraccess.core.jpa;

import dev.partneraccess.core.access.ServiceAccountModel;

/** The {@link ServiceAccountModel} of a {@link ServiceAccountEntity}; only the stores build one. */
final class ServiceAccountAdapter implements ServiceAccountModel {

    final ServiceAccountEntity entity;

    ServiceAccountAdapter(ServiceAccountEntity entity) {
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
    public String getPartnerId() {
        return entity.getPartnerId();
    }

    @Override
    public void setPartnerId(String partnerId) {
        entity.setPartnerId(partnerId);
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
    public String getUserId() {
        return entity.getUserId();
    }

    @Override
    public void setUserId(String userId) {
        entity.setUserId(userId);
    }

    @Override
    public String getPurpose() {
        return entity.getPurpose();
    }

    @Override
    public void setPurpose(String purpose) {
        entity.setPurpose(purpose);
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
    public long getCreatedAt() {
        return entity.getCreatedAt();
    }

    @Override
    public void setCreatedAt(long createdAt) {
        entity.setCreatedAt(createdAt);
    }

    @Override
    public long getExpiresAt() {
        return entity.getExpiresAt();
    }

    @Override
    public void setExpiresAt(long expiresAt) {
        entity.setExpiresAt(expiresAt);
    }

    @Override
    public long getSecretRotatedAt() {
        return entity.getSecretRotatedAt();
    }

    @Override
    public void setSecretRotatedAt(long secretRotatedAt) {
        entity.setSecretRotatedAt(secretRotatedAt);
    }

    @Override
    public boolean isEnabled() {
        return entity.isEnabled();
    }

    @Override
    public void setEnabled(boolean enabled) {
        entity.setEnabled(enabled);
    }

    @Override
    public String getDisabledBy() {
        return entity.getDisabledBy();
    }

    @Override
    public void setDisabledBy(String disabledBy) {
        entity.setDisabledBy(disabledBy);
    }

    @Override
    public Long getLastUsedAt() {
        return entity.getLastUsedAt();
    }
}
