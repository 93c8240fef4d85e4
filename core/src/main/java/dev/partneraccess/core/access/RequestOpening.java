package dev.partneraccess.core.access;

import static dev.partneraccess.core.access.RequestService.APPROVED;
import static dev.partneraccess.core.access.RequestService.PENDING;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.partneraccess.core.evidence.EvidenceLedger;
import dev.partneraccess.core.evidence.EvidenceType;
import dev.partneraccess.core.jpa.RequestStore;
import dev.partneraccess.core.partner.Partner;
import dev.partneraccess.core.policy.Policy;
import dev.partneraccess.core.policy.StoredPolicy;
import dev.partneraccess.core.support.Actor;
import dev.partneraccess.core.support.Refusal;

/**
 * Opens a request of any kind, once its kind has checked the input: under the realm's evidence lock, refuses a second
 * pending request for the same user and role, writes the request and its stages, records {@code REQUEST_CREATED}, and
 * mails the approvers after the commit. A request without stages (a self-service programme) is completed at once.
 */
final class RequestOpening {

    /**
     * A request as its kind has checked it, before the evidence lock: its type, beneficiary, partner, role (or
     * subject: a renewed service account's id and {@link RequestService#SERVICE_ACCOUNT}), the stage names for the
     * evidence and their definitions, the field and the words of the one-pending-request refusal, and the kind's own
     * steps: a check under the lock, its columns of the request, its fields of {@code REQUEST_CREATED}.
     */
    record Draft(RequestKind kind, String type, UserModel beneficiary, Partner partner, String roleId, String roleName,
                 String clientId, String purpose, int days, Integer maxDays, StoredPolicy policy, List<String> stageNames,
                 List<Policy.Stage> stages, String duplicateField, String duplicateWhat, Runnable underLock,
                 Consumer<RequestModel> columns, Consumer<ObjectNode> subjectDetails) {
    }

    private final KeycloakSession session;
    private final RealmModel realm;
    private final EvidenceLedger ledger;
    private final RequestStore store;
    private final ApproverNotifier notifier;

    RequestOpening(KeycloakSession session, RealmModel realm, EvidenceLedger ledger, RequestStore store,
                   ApproverNotifier notifier) {
        this.session = session;
        this.realm = realm;
        this.ledger = ledger;
        this.store = store;
        this.notifier = notifier;
    }

    AccessRequest open(Draft draft, Actor actor) {
        UserModel user = draft.beneficiary();
        Partner partner = draft.partner();
        // One request at a time per user and role, across the cluster: the realm's evidence lock serialises creation.
        ledger.lock(realm.getId());
        refuseDuplicate(user, draft.roleId(), draft.duplicateField(), draft.duplicateWhat());
        draft.underLock().run();

        RequestModel request = newRequest(draft.type(), user, partner, draft.roleId(), draft.roleName(), draft.clientId(),
                draft.purpose(), draft.days(), draft.policy().version(), actor);
        draft.columns().accept(request);
        List<StageModel> stages = new ArrayList<>();
        for (Policy.Stage definition : draft.stages()) {
            stages.add(stage(request, definition, stages.size(), partner));
        }
        request.setStatus(stages.isEmpty() ? APPROVED : PENDING);
        store.persist(request, stages);

        ObjectNode details = RequestEvidence.created(RequestEvidence.details(request), request.getType(),
                draft.subjectDetails(), draft.days(), draft.maxDays(), draft.purpose(), draft.stageNames(),
                draft.policy().version());
        RequestEvidence.answersAndException(details, request);
        ledger.append(realm.getId(), EvidenceType.REQUEST_CREATED, actor, request.getId(),
                partner == null ? null : partner.id(), details);

        if (stages.isEmpty()) {
            // Self-service programme: approved on request, still time-bound and evidenced.
            draft.kind().complete(request, actor);
            request.setClosedAt(request.getCreatedAt());
        } else {
            UserModel requester = actor.id().equals(user.getId()) ? user : session.users().getUserById(realm, actor.id());
            notifier.stagesAwaiting(request, stages, user, requester, partner);
        }
        return store.answer(request, stages);
    }

    /** One pending request per user and role (for a service account's renewal, the "role" is the account). */
    private void refuseDuplicate(UserModel user, String roleId, String field, String what) {
        store.pending(user.getId(), roleId).ifPresent(existing -> {
                    throw Refusal.conflict(field, "User '" + user.getUsername() + "' already has pending request '"
                            + existing.getId() + "' for " + what + ".");
                });
    }

    private RequestModel newRequest(String type, UserModel user, Partner partner, String roleId, String roleName,
                                     String clientId, String purpose, int days, int policyVersion, Actor actor) {
        RequestModel request = store.newRequest();
        request.setId(UUID.randomUUID().toString());
        request.setRealmId(realm.getId());
        request.setType(type);
        request.setUserId(user.getId());
        request.setPartnerId(partner == null ? null : partner.id()); // null: a content release belongs to no partner
        request.setRoleId(roleId);
        request.setRoleName(roleName);
        request.setClientId(clientId);
        request.setBusinessPurpose(purpose);
        request.setDays(days);
        request.setPolicyVersion(policyVersion);
        request.setCreatedAt(Time.currentTimeMillis());
        request.setCreatedBy(actor.id());
        return request;
    }

    private StageModel stage(RequestModel request, Policy.Stage definition, int position, Partner partner) {
        StageModel stage = store.newStage();
        stage.setId(UUID.randomUUID().toString());
        stage.setRequestId(request.getId());
        stage.setRealmId(realm.getId());
        stage.setStage(definition.name());
        stage.setPosition(position);
        stage.setStatus(PENDING);
        StageSelection.Decider decider = StageSelection.decider(definition, partner,
                owner -> session.users().getUserById(realm, owner) != null);
        stage.setApproverUser(decider.userId());
        stage.setApproverRole(decider.role());
        return stage;
    }
}
