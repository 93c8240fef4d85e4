package dev.partneraccess.core.jpa;

import dev.partneraccess.core.access.StageModel;

/** The {@link StageModel} of a {@link StageEntity}; only the stores build one. */
final class StageAdapter implements StageModel {

    final StageEntity entity;

    StageAdapter(StageEntity entity) {
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
    public String getRequestId() {
        return entity.getRequestId();
    }

    @Override
    public void setRequestId(String requestId) {
        entity.setRequestId(requestId);
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
    public String getStage() {
        return entity.getStage();
    }

    @Override
    public void setStage(String stage) {
        entity.setStage(stage);
    }

    @Override
    public int getPosition() {
        return entity.getPosition();
    }

    @Override
    public void setPosition(int position) {
        entity.setPosition(position);
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
    public String getApproverRole() {
        return entity.getApproverRole();
    }

    @Override
    public void setApproverRole(String approverRole) {
        entity.setApproverRole(approverRole);
    }

    @Override
    public String getApproverUser() {
        return entity.getApproverUser();
    }

    @Override
    public void setApproverUser(String approverUser) {
        entity.setApproverUser(approverUser);
    }

    @Override
    public String getDecidedBy() {
        return entity.getDecidedBy();
    }

    @Override
    public void setDecidedBy(String decidedBy) {
        entity.setDecidedBy(decidedBy);
    }

    @Override
    public Long getDecidedAt() {
        return entity.getDecidedAt();
    }

    @Override
    public void setDecidedAt(Long decidedAt) {
        entity.setDecidedAt(decidedAt);
    }

    @Override
    public String getJustification() {
        return entity.getJustification();
    }

    @Override
    public void setJustification(String justification) {
        entity.setJustification(justification);
    }

    @Override
    public String getOnBehalfOf() {
        return entity.getOnBehalfOf();
    }

    @Override
    public void setOnBehalfOf(String onBehalfOf) {
        entity.setOnBehalfOf(onBehalfOf);
    }

    @Override
    public Long getEscalatedAt() {
        return entity.getEscalatedAt();
    }

    @Override
    public void setEscalatedAt(Long escalatedAt) {
        entity.setEscalatedAt(escalatedAt);
    }

    @Override
    public String getEscalationRole() {
        return entity.getEscalationRole();
    }

    @Override
    public void setEscalationRole(String escalationRole) {
        entity.setEscalationRole(escalationRole);
    }
}
