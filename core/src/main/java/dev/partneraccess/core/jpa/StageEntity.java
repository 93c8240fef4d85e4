package dev.partneraccess.core.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** One approval stage of a request, with who may decide it and, once decided, who did, when and why. */
@Entity(name = "PaRequestStage")
@Table(name = "PA_REQUEST_STAGE")
@NamedQueries({
        @NamedQuery(name = "PA_Stage.byRequests",
                query = "select s from PaRequestStage s where s.requestId in :ids order by s.requestId, s.position"),
        @NamedQuery(name = "PA_Stage.deleteByRealm",
                query = "delete from PaRequestStage s where s.realmId = :realmId")
})
public class StageEntity {

    @Id
    @Column(name = "ID", length = 36, nullable = false)
    private String id;

    @Column(name = "REQUEST_ID", length = 36, nullable = false)
    private String requestId;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "STAGE", length = 32, nullable = false)
    private String stage;

    @Column(name = "POSITION", nullable = false)
    private int position;

    @Column(name = "STATUS", length = 16, nullable = false)
    private String status;

    @Column(name = "APPROVER_ROLE", length = 255)
    private String approverRole;

    @Column(name = "APPROVER_USER", length = 36)
    private String approverUser;

    @Column(name = "DECIDED_BY", length = 36)
    private String decidedBy;

    @Column(name = "DECIDED_AT")
    private Long decidedAt;

    @Column(name = "JUSTIFICATION", length = 2000)
    private String justification;

    @Column(name = "ON_BEHALF_OF", length = 36)
    private String onBehalfOf;

    @Column(name = "ESCALATED_AT")
    private Long escalatedAt;

    @Column(name = "ESCALATION_ROLE", length = 255)
    private String escalationRole;

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getRequestId() {
        return requestId;
    }

    public void setRequestId(String requestId) {
        this.requestId = requestId;
    }

    public String getRealmId() {
        return realmId;
    }

    public void setRealmId(String realmId) {
        this.realmId = realmId;
    }

    public String getStage() {
        return stage;
    }

    public void setStage(String stage) {
        this.stage = stage;
    }

    public int getPosition() {
        return position;
    }

    public void setPosition(int position) {
        this.position = position;
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    public String getApproverRole() {
        return approverRole;
    }

    public void setApproverRole(String approverRole) {
        this.approverRole = approverRole;
    }

    public String getApproverUser() {
        return approverUser;
    }

    public void setApproverUser(String approverUser) {
        this.approverUser = approverUser;
    }

    public String getDecidedBy() {
        return decidedBy;
    }

    public void setDecidedBy(String decidedBy) {
        this.decidedBy = decidedBy;
    }

    public Long getDecidedAt() {
        return decidedAt;
    }

    public void setDecidedAt(Long decidedAt) {
        this.decidedAt = decidedAt;
    }

    public String getJustification() {
        return justification;
    }

    public void setJustification(String justification) {
        this.justification = justification;
    }

    public String getOnBehalfOf() {
        return onBehalfOf;
    }

    public void setOnBehalfOf(String onBehalfOf) {
        this.onBehalfOf = onBehalfOf;
    }

    public Long getEscalatedAt() {
        return escalatedAt;
    }

    public void setEscalatedAt(Long escalatedAt) {
        this.escalatedAt = escalatedAt;
    }

    public String getEscalationRole() {
        return escalationRole;
    }

    public void setEscalationRole(String escalationRole) {
        this.escalationRole = escalationRole;
    }
}
