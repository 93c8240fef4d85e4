package dev.partneraccess.core.access;

/** One approval stage of a request as the services change it. Stores hand it out; the entity stays in them. */
public interface StageModel {

    String getId();

    void setId(String id);

    String getRequestId();

    void setRequestId(String requestId);

    String getRealmId();

    void setRealmId(String realmId);

    String getStage();

    void setStage(String stage);

    int getPosition();

    void setPosition(int position);

    String getStatus();

    void setStatus(String status);

    String getApproverRole();

    void setApproverRole(String approverRole);

    String getApproverUser();

    void setApproverUser(String approverUser);

    String getDecidedBy();

    void setDecidedBy(String decidedBy);

    Long getDecidedAt();

    void setDecidedAt(Long decidedAt);

    String getJustification();

    void setJustification(String justification);

    String getOnBehalfOf();

    void setOnBehalfOf(String onBehalfOf);

    Long getEscalatedAt();

    void setEscalatedAt(Long escalatedAt);

    String getEscalationRole();

    void setEscalationRole(String escalationRole);
}
