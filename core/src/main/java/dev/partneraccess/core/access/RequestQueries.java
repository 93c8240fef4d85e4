package dev.partneraccess.core.access;

import static dev.partneraccess.core.access.RequestService.APPROVED;
import static dev.partneraccess.core.access.RequestService.CANCELLED;
import static dev.partneraccess.core.access.RequestService.PENDING;
import static dev.partneraccess.core.access.RequestService.REJECTED;
import static dev.partneraccess.core.access.RequestService.TIMED_OUT;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.keycloak.models.UserModel;

import dev.partneraccess.core.jpa.RequestStore;
import dev.partneraccess.core.support.Paging;
import dev.partneraccess.core.support.Refusal;
import dev.partneraccess.core.support.TextRules;

/**
 * The read side of requests: one request as its viewer may see it, the admins' list, an approver's inbox and a
 * user's own; and the rows the decisions and the closing steps start from.
 */
final class RequestQueries {

    private static final Set<String> STATUSES = Set.of(PENDING, APPROVED, REJECTED, CANCELLED, TIMED_OUT);

    private final RequestStore store;
    private final Deciders deciders;

    RequestQueries(RequestStore store, Deciders deciders) {
        this.store = store;
        this.deciders = deciders;
    }

    /** A request by id, locked for the rest of the transaction when {@code lock}; refused as not found otherwise. */
    RequestModel find(String id, boolean lock) {
        RequestModel request = !TextRules.plausibleId(id) ? null : store.find(id, lock);
        if (request == null) {
            throw Refusal.notFound("No request '" + id + "' in this realm.");
        }
        return request;
    }

    /** The stages of one request, in their order. */
    List<StageModel> stagesOf(String requestId) {
        return stages(List.of(requestId)).getOrDefault(requestId, List.of());
    }

    Map<String, List<StageModel>> stages(List<String> requestIds) {
        return store.stages(requestIds);
    }

    /**
     * A request as its viewer may see it: admins with view-users see any, approvers the requests with a stage they
     * decide, partner users their own (as requester or beneficiary).
     */
    AccessRequest get(String id, UserModel viewer, boolean admin) {
        RequestModel request = find(id, false);
        List<StageModel> stages = stagesOf(id);
        if (!admin && viewer != null && !viewer.getId().equals(request.getCreatedBy()) && !viewer.getId().equals(request.getUserId())) {
            List<Deciders.Person> people = deciders.of(viewer);
            if (stages.stream().noneMatch(s -> Deciders.forStage(s, people).isPresent())) {
                throw Refusal.forbidden("This needs the realm-management role view-users or an approver role of this request.");
            }
        } else if (!admin && viewer == null) {
            throw Refusal.forbidden("This needs the realm-management role view-users.");
        }
        return store.answer(request, stages);
    }

    List<AccessRequest> list(String status, String partner, String user, Paging paging) {
        status = TextRules.filter("status", status);
        partner = TextRules.filter("partner", partner);
        user = TextRules.filter("user", user);
        if (status != null && !STATUSES.contains(status)) {
            throw Refusal.invalid("status", "'status' must be one of " + String.join(", ", List.of(PENDING,
                    APPROVED, REJECTED, CANCELLED, TIMED_OUT)) + ".");
        }
        return store.list(status, partner, user, paging);
    }

    /** The pending requests with a stage the approver may decide, oldest first: the approver's inbox. */
    List<AccessRequest> awaiting(UserModel approver, Paging paging) {
        // The approver's own stages and, while a delegation runs, those of each delegator.
        Set<String> roles = new java.util.TreeSet<>();
        List<String> userIds = new ArrayList<>();
        for (Deciders.Person person : deciders.of(approver)) {
            roles.addAll(person.roles());
            userIds.add(person.userId());
        }
        if (roles.isEmpty()) {
            roles.add("");
        }
        return store.awaiting(roles, userIds, paging);
    }

    /** The user's own requests, newest first, for self-service. */
    List<AccessRequest> ofUser(String userId, Paging paging) {
        return store.ofUser(userId, paging);
    }
}
