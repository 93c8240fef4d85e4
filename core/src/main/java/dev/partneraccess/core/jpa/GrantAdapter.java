package dev.partneraccess.core.jpa;

import dev.partneraccess.core.access.GrantModel;

/** The {@link GrantModel} of a {@link GrantEntity}; only the stores build one. */
final class GrantAdapter implements GrantModel {

    final GrantEntity entity;

    GrantAdapter(GrantEntity entity) {
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
    public String getRequestId() {
        return entity.getRequestId();
    }

    @Override
    public void setRequestId(String requestId) {
        entity.setRequestId(requestId);
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
    public String getPartnerId() {
        return entity.getPartnerId();
    }

    @Override
    public void setPartnerId(String partnerId) {
        entity.setPartnerId(partnerId);
    }

    @Override
    public String getRoleId() {
        return entity.getRoleId();
    }

    @Override
    public void setRoleId(String roleId) {
        entity.setRoleId(roleId);
    }

    @Override
    public String getRoleName() {
        return entity.getRoleName();
    }

    @Override
    public void setRoleName(String roleName) {
        entity.setRoleName(roleName);
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
    public long getGrantedAt() {
        return entity.getGrantedAt();
    }

    @Override
    public void setGrantedAt(long grantedAt) {
        entity.setGrantedAt(grantedAt);
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
    public String getStatus() {
        return entity.getStatus();
    }

    @Override
    public void setStatus(String status) {
        entity.setStatus(status);
    }

    @Override
    public Long getRevokedAt() {
        return entity.getRevokedAt();
    }

    @Override
    public void setRevokedAt(Long revokedAt) {
        entity.setRevokedAt(revokedAt);
    }

    @Override
    public String getRevokedBy() {
        return entity.getRevokedBy();
    }

    @Override
    public void setRevokedBy(String revokedBy) {
        entity.setRevokedBy(revokedBy);
    }

    @Override
    public String getRevokedReason() {
        return entity.getRevokedReason();
    }

    @Override
    public void setRevokedReason(String revokedReason) {
        entity.setRevokedReason(revokedReason);
    }

    @Override
    public boolean isException() {
        return entity.isException();
    }

    @Override
    public void setException(boolean exception) {
        entity.setException(exception);
    }
}
