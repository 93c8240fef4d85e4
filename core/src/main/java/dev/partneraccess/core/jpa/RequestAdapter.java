package dev.partneraccess.core.jpa;

import dev.partneraccess.core.access.RequestModel;

/** The {@link RequestModel} of a {@link RequestEntity}; only the stores build one. */
final class RequestAdapter implements RequestModel {

    final RequestEntity entity;

    RequestAdapter(RequestEntity entity) {
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
    public String getType() {
        return entity.getType();
    }

    @Override
    public void setType(String type) {
        entity.setType(type);
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
    public String getBusinessPurpose() {
        return entity.getBusinessPurpose();
    }

    @Override
    public void setBusinessPurpose(String businessPurpose) {
        entity.setBusinessPurpose(businessPurpose);
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
    public String getStatus() {
        return entity.getStatus();
    }

    @Override
    public void setStatus(String status) {
        entity.setStatus(status);
    }

    @Override
    public int getPolicyVersion() {
        return entity.getPolicyVersion();
    }

    @Override
    public void setPolicyVersion(int policyVersion) {
        entity.setPolicyVersion(policyVersion);
    }

    @Override
    public String getGrantId() {
        return entity.getGrantId();
    }

    @Override
    public void setGrantId(String grantId) {
        entity.setGrantId(grantId);
    }

    @Override
    public String getRenewsGrantId() {
        return entity.getRenewsGrantId();
    }

    @Override
    public void setRenewsGrantId(String renewsGrantId) {
        entity.setRenewsGrantId(renewsGrantId);
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
    public Long getClosedAt() {
        return entity.getClosedAt();
    }

    @Override
    public void setClosedAt(Long closedAt) {
        entity.setClosedAt(closedAt);
    }

    @Override
    public String getServiceAccountId() {
        return entity.getServiceAccountId();
    }

    @Override
    public void setServiceAccountId(String serviceAccountId) {
        entity.setServiceAccountId(serviceAccountId);
    }

    @Override
    public String getAnswers() {
        return entity.getAnswers();
    }

    @Override
    public void setAnswers(String answers) {
        entity.setAnswers(answers);
    }

    @Override
    public String getExceptionReason() {
        return entity.getExceptionReason();
    }

    @Override
    public void setExceptionReason(String exceptionReason) {
        entity.setExceptionReason(exceptionReason);
    }
}
