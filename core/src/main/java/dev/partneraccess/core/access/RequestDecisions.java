package dev.partneraccess.core.access;

import static dev.partneraccess.core.access.RequestService.APPROVED;
import static dev.partneraccess.core.access.RequestService.PENDING;
import static dev.partneraccess.core.access.RequestService.REJECTED;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.partneraccess.core.evidence.EvidenceLedger;
import dev.partneraccess.core.evidence.EvidenceType;
import dev.partneraccess.core.jpa.RequestStore;
import dev.partneraccess.core.partner.Partner;
import dev.partneraccess.core.partner.PartnerDirectory;
import dev.partneraccess.core.policy.PolicyStore;
import dev.partneraccess.core.policy.StoredPolicy;
import dev.partneraccess.core.support.Actor;
import dev.partneraccess.core.support.Json;
import dev.partneraccess.core.support.Refusal;

/**
 * Stage decisions with separation of duties, for every kind of request. A decision holds a row lock on its request
 * for the rest of the transaction, so two approvers deciding the last stage at the same moment produce one completion
 * and one refusal. The last approval re-checks the request against the current policy through its kind, and either
 * completes it through its kind or has it rejected by {@code system}.
 */
final class RequestDecisions {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final EvidenceLedger ledger;
    private final PolicyStore policies;
    private final RequestStore store;
    private final RequestQueries queries;
    private final RequestKinds kinds;
    private final Deciders deciders;

    RequestDecisions(KeycloakSession session, RealmModel realm, EvidenceLedger ledger, PolicyStore policies,
                     RequestStore store, RequestQueries queries, RequestKinds kinds, Deciders deciders) {
        this.deciders = deciders;
        this.session = session;
        this.realm = realm;
        this.ledger = ledger;
        this.policies = policies;
        this.store = store;
        this.queries = queries;
        this.kinds = kinds;
    }

    AccessRequest decide(String id, StageDecision decision, UserModel approver, Actor actor) {
        String stageName = decision.stage();
        boolean approve = decision.approves();
        String justification = decision.justification();

        RequestModel request = queries.find(id, true);
        RequestKind kind = kinds.of(request);
        if (PENDING.equals(request.getStatus())) {
            // rows before the evidence chain: the lock order everywhere
            kind.lockSubject(request);
        }
        List<StageModel> stages = queries.stagesOf(request.getId());
        // A content adaptation has a regional stage per region: of stages of one name, the one this approver may decide.
        StageModel stage = stages.stream().filter(s -> s.getStage().equals(stageName))
                .sorted(Comparator.comparing((StageModel s) -> !(PENDING.equals(s.getStatus())
                        && Approvers.mayDecide(s, approver.getId(), Approvers.realmRoles(approver)))))
                .findFirst().orElseThrow(() ->
                Refusal.invalid("stage", "Request '" + id + "' has no stage '" + stageName + "'; its stages: "
                        + stages.stream().map(StageModel::getStage).collect(Collectors.joining(", ")) + "."));
        followCurrentOwner(request, stage);
        // The right to decide comes first: someone who may not decide learns nothing about the stage's state. A
        // delegate decides in the name of the first delegator who may decide it, when they may not themselves.
        Deciders.Person decider = Deciders.forStage(stage, deciders.of(approver)).orElseThrow(() ->
                Refusal.forbidden("Stage '" + stageName + "' is decided by " + Approvers.describe(stage) + "."));
        String onBehalfOf = decider.userId().equals(approver.getId()) ? null : decider.userId();
        if (!PENDING.equals(request.getStatus())) {
            throw Refusal.conflict("status", "Request '" + id + "' is " + request.getStatus() + "; it takes no more decisions.");
        }
        if (!PENDING.equals(stage.getStatus())) {
            throw Refusal.conflict("stage", "Stage '" + stageName + "' of request '" + id + "' was already decided ("
                    + stage.getStatus() + " at " + Json.isoTime(stage.getDecidedAt()) + ").");
        }
        // Separation of duties: nobody decides a stage of a request they asked for, benefit from, or already decided;
        // for a delegate, neither the delegate nor the one they stand in for.
        Map<String, List<String>> decidedBy = new HashMap<>();
        stages.stream().filter(s -> s.getDecidedBy() != null).forEach(s -> decidedBy.put(s.getStage(),
                s.getOnBehalfOf() == null ? List.of(s.getDecidedBy()) : List.of(s.getDecidedBy(), s.getOnBehalfOf())));
        SeparationOfDuties.refusal(approver.getId(), onBehalfOf, request.getCreatedBy(), request.getUserId(), stageName,
                        decidedBy)
                .ifPresent(reason -> {
                    throw Refusal.forbidden(reason);
                });

        long now = Time.currentTimeMillis();
        stage.setStatus(approve ? APPROVED : REJECTED);
        stage.setDecidedBy(approver.getId());
        stage.setDecidedAt(now);
        stage.setJustification(justification);
        stage.setOnBehalfOf(onBehalfOf);
        ObjectNode details = RequestEvidence.details(request);
        details.put("stage", stageName);
        details.put("justification", justification);
        details.put("policyVersion", request.getPolicyVersion());
        if (onBehalfOf != null) {
            details.put("onBehalfOf", onBehalfOf);
        }
        if (stage.getEscalatedAt() != null) {
            details.put("escalated", true);
        }
        ledger.append(realm.getId(), approve ? EvidenceType.STAGE_APPROVED : EvidenceType.STAGE_REJECTED, actor,
                request.getId(), request.getPartnerId(), details);

        if (!approve) {
            RequestClosing.close(request, stages, REJECTED, now);
            kind.ended(request, REJECTED, actor);
        } else if (stages.stream().allMatch(s -> APPROVED.equals(s.getStatus()))) {
            String refusal = kind.recheck(request);
            if (refusal != null) {
                rejectBySystem(request, stages, stage, approver, refusal, now);
                kind.ended(request, REJECTED, Actor.SYSTEM);
                throw Refusal.conflict("request", "Request '" + id + "' can no longer be granted: " + refusal
                        + " It was rejected; your approval is recorded.").keepingChanges();
            }
            request.setStatus(APPROVED);
            request.setClosedAt(now);
            kind.complete(request, actor);
        }
        return store.answer(request, stages);
    }

    /**
     * Ends a fully approved request that may no longer be granted: the approver's stage is recorded as rejected by
     * {@code system} with the reason (the approver's attempt stays in the evidence details), and no grant is issued.
     */
    private void rejectBySystem(RequestModel request, List<StageModel> stages, StageModel last, UserModel approver,
                                String reason, long now) {
        last.setStatus(REJECTED);
        last.setDecidedBy(Actor.SYSTEM.id());
        last.setDecidedAt(now);
        last.setJustification(reason);
        RequestClosing.close(request, stages, REJECTED, now);
        ObjectNode details = RequestEvidence.details(request);
        details.put("stage", last.getStage());
        details.put("justification", reason);
        details.put("recheckedAtLastApproval", true);
        details.put("approvedBy", approver.getId());
        details.put("policyVersion", policies.current(realm).map(StoredPolicy::version).orElse(request.getPolicyVersion()));
        ledger.append(realm.getId(), EvidenceType.STAGE_REJECTED, Actor.SYSTEM, request.getId(), request.getPartnerId(), details);
    }

    /**
     * An owner stage is decided by the partner's business owner of now, not of the day the request was made: when the
     * owner changed, the stage moves to the new one before anyone's right to decide is checked.
     */
    private void followCurrentOwner(RequestModel request, StageModel stage) {
        if (stage.getApproverUser() == null || !PENDING.equals(stage.getStatus())) {
            return;
        }
        PartnerDirectory.byId(session, realm, request.getPartnerId()).map(Partner::businessOwner)
                .filter(owner -> !owner.equals(stage.getApproverUser()))
                .ifPresent(stage::setApproverUser);
    }

    /**
     * Moves the pending owner stages of a partner's requests to its new business owner, so the new owner finds them in
     * the inbox and the old one can no longer decide them; answers how many moved.
     */
    int reassignOwnerStages(String partnerId, String oldOwner, String newOwner) {
        if (oldOwner == null || newOwner == null || oldOwner.equals(newOwner)) {
            return 0;
        }
        return store.reassignOwnerStages(partnerId, oldOwner, newOwner);
    }
}
