package dev.partneraccess.core.access;

import static dev.partneraccess.core.access.RequestService.CANCELLED;
import static dev.partneraccess.core.access.RequestService.PENDING;
import static dev.partneraccess.core.access.RequestService.SKIPPED;
import static dev.partneraccess.core.access.RequestService.TIMED_OUT;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.keycloak.common.util.Time;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.partneraccess.core.evidence.EvidenceLedger;
import dev.partneraccess.core.evidence.EvidenceType;
import dev.partneraccess.core.jpa.RequestStore;
import dev.partneraccess.core.support.Actor;
import dev.partneraccess.core.support.Json;
import dev.partneraccess.core.support.Refusal;

/**
 * Ends pending requests without a grant: a cancellation by the requester, the beneficiary or an admin, the
 * cancellations of a partner's leaving member (locked first by {@link #lockPending}), and the sweep's time-out.
 */
final class RequestClosing {

    private final RealmModel realm;
    private final EvidenceLedger ledger;
    private final RequestStore store;
    private final RequestQueries queries;

    RequestClosing(RealmModel realm, EvidenceLedger ledger, RequestStore store, RequestQueries queries) {
        this.realm = realm;
        this.ledger = ledger;
        this.store = store;
        this.queries = queries;
    }

    AccessRequest cancel(String id, String reason, UserModel caller, boolean admin, Actor actor) {
        RequestModel request = queries.find(id, true);
        if (!admin && !caller.getId().equals(request.getCreatedBy()) && !caller.getId().equals(request.getUserId())) {
            throw Refusal.forbidden("Only the requester, the beneficiary or an admin with manage-users may cancel a request.");
        }
        if (!PENDING.equals(request.getStatus())) {
            throw Refusal.conflict("status", "Request '" + id + "' is " + request.getStatus() + "; only a PENDING request can be cancelled.");
        }
        List<StageModel> stages = queries.stagesOf(request.getId());
        close(request, stages, CANCELLED, Time.currentTimeMillis());
        ObjectNode details = RequestEvidence.details(request);
        details.put("reason", reason);
        details.put("policyVersion", request.getPolicyVersion());
        ledger.append(realm.getId(), EvidenceType.REQUEST_CANCELLED, actor, request.getId(), request.getPartnerId(), details);
        return store.answer(request, stages);
    }

    /** The sweep's end of a request nobody finished deciding within the policy's {@code requestTimeoutDays}. */
    void timeOut(RequestModel request, int timeoutDays) {
        List<StageModel> stages = queries.stagesOf(request.getId());
        List<String> undecided = stages.stream().filter(st -> PENDING.equals(st.getStatus())).map(StageModel::getStage).toList();
        close(request, stages, TIMED_OUT, Time.currentTimeMillis());
        ObjectNode details = RequestEvidence.details(request);
        details.put("timeoutDays", timeoutDays);
        details.put("createdAt", Json.isoTime(request.getCreatedAt()));
        ArrayNode pending = details.putArray("undecidedStages");
        undecided.forEach(pending::add);
        details.put("policyVersion", request.getPolicyVersion());
        ledger.append(realm.getId(), EvidenceType.REQUEST_TIMED_OUT, Actor.SYSTEM, request.getId(), request.getPartnerId(), details);
    }

    /**
     * Locks the pending requests of one member of a partner (on unmapping) or of every member (user null, on
     * offboarding). Requests are locked before grants, and both before any evidence is written.
     */
    List<RequestModel> lockPending(String partnerId, String userId) {
        return store.lockPending(partnerId, userId);
    }

    /** Locks the pending renewal requests of a grant; the caller locks them before the grant (the lock order). */
    List<RequestModel> lockPendingRenewals(String grantId) {
        return store.lockPendingRenewals(grantId);
    }

    List<RequestModel> lockPendingRenewals(Collection<String> grantIds) {
        return store.lockPendingRenewals(grantIds);
    }

    /** Cancels requests locked by {@link #lockPending}, each with its own {@code REQUEST_CANCELLED}. */
    int cancelAll(List<RequestModel> pending, String reason, Actor actor) {
        Map<String, List<StageModel>> stages = pending.isEmpty() ? Map.of()
                : queries.stages(pending.stream().map(RequestModel::getId).toList());
        long now = Time.currentTimeMillis();
        for (RequestModel request : pending) {
            close(request, stages.getOrDefault(request.getId(), List.of()), CANCELLED, now);
            ObjectNode details = RequestEvidence.details(request);
            details.put("reason", reason);
            details.put("policyVersion", request.getPolicyVersion());
            ledger.append(realm.getId(), EvidenceType.REQUEST_CANCELLED, actor, request.getId(), request.getPartnerId(), details);
        }
        return pending.size();
    }

    /** Ends a pending request without a grant; stages nobody decided are skipped, so no inbox still shows them. */
    static void close(RequestModel request, List<StageModel> stages, String status, long now) {
        request.setStatus(status);
        request.setClosedAt(now);
        stages.stream().filter(s -> PENDING.equals(s.getStatus())).forEach(s -> s.setStatus(SKIPPED));
    }
}
