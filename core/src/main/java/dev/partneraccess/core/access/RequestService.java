package dev.partneraccess.core.access;

import java.util.Collection;
import java.util.List;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import dev.partneraccess.core.content.ContentPackage;
import dev.partneraccess.core.spi.PartnerAccessProvider;
import dev.partneraccess.core.support.Actor;
import dev.partneraccess.core.support.Paging;

/**
 * Access requests for governed roles and renewals of grants and service accounts, through one approval pipeline:
 * each kind ({@link RequestKind}) checks its input against the policy's rules, {@link RequestOpening} opens the
 * request, {@link RequestDecisions} takes the stage decisions with separation of duties and completes the request
 * through its kind at the last approval, {@link RequestClosing} cancels and times out, {@link RequestQueries} reads.
 * Each change writes its evidence in the same transaction. This is the entry point the provider hands out; its parts
 * are built here, once per session and realm.
 */
public final class RequestService {

    public static final String PENDING = "PENDING";
    public static final String APPROVED = "APPROVED";
    public static final String REJECTED = "REJECTED";
    public static final String CANCELLED = "CANCELLED";
    public static final String TIMED_OUT = "TIMED_OUT";
    public static final String SKIPPED = "SKIPPED";
    public static final String TYPE_ACCESS = "ACCESS";
    public static final String TYPE_RENEWAL = "RENEWAL";
    /** The release of a content package; its "role" is {@link #CONTENT} and its role id the package's id. */
    public static final String TYPE_CONTENT_RELEASE = "CONTENT_RELEASE";
    public static final String CONTENT = "content";
    /** The role name a service account's renewal request carries: it grants no role. */
    public static final String SERVICE_ACCOUNT = "service-account";
    public static final int PURPOSE_MIN = 20;
    public static final int PURPOSE_MAX = 2000;
    public static final int JUSTIFICATION_MAX = 2000;

    private final RequestKinds kinds;
    private final RequestOpening opening;
    private final RequestDecisions decisions;
    private final RequestClosing closing;
    private final RequestQueries queries;
    private final StageApprovers approvers;

    /** Built by {@link PartnerAccessProvider#requests(RealmModel)}, once per session and realm. */
    public RequestService(KeycloakSession session, RealmModel realm, PartnerAccessProvider access) {
        var store = access.requestStore(realm);
        var ledger = access.ledger();
        var policies = access.policies();
        Deciders deciders = new Deciders(session, realm, access.delegationStore(realm));
        this.queries = new RequestQueries(store, deciders);
        this.kinds = new RequestKinds(session, realm, access, access.grants(realm), new RequestLimits(session, realm, policies));
        this.opening = new RequestOpening(session, realm, ledger, store, new ApproverNotifier(session, realm));
        this.decisions = new RequestDecisions(session, realm, ledger, policies, store, queries, kinds, deciders);
        this.approvers = new StageApprovers(session, realm);
        this.closing = new RequestClosing(realm, ledger, store, queries);
    }

    // ---- opening --------------------------------------------------------------------------------------------

    /**
     * Opens a request. {@code self} is the partner user asking for themselves through self-service: then the input's
     * {@code userId} may be null and must otherwise name the caller.
     */
    public AccessRequest create(NewRequest input, Actor actor, boolean self) {
        return opening.open(kinds.access.draft(input, actor, self), actor);
    }

    /**
     * Opens a RENEWAL request for an active grant: one stage, {@code owner}, decided by the partner's business owner.
     * The days are checked against the role's current maximum at the partner's tier, as for a new request.
     */
    public AccessRequest renew(String grantId, Renewal renewal, Actor actor) {
        return opening.open(kinds.grantRenewal.draft(grantId, renewal), actor);
    }

    /**
     * Opens a RENEWAL request for a partner service account: one stage, {@code owner}, decided by the partner's
     * business owner; approval moves the account's end to the approval time plus {@code days}.
     */
    public AccessRequest renewServiceAccount(String id, Renewal renewal, Actor actor) {
        return opening.open(kinds.serviceAccountRenewal.draft(id, renewal), actor);
    }

    /**
     * Opens the CONTENT_RELEASE request of a package being submitted: the kind's stages, a regional stage per region
     * where the kind or an adaptation needs one; a kind without stages releases the package at once.
     */
    public AccessRequest openContentRelease(ContentPackage content, UserModel owner, Actor actor) {
        return opening.open(kinds.contentRelease.draft(content, owner), actor);
    }

    // ---- decisions ------------------------------------------------------------------------------------------

    public AccessRequest decide(String id, StageDecision decision, UserModel approver, Actor actor) {
        return decisions.decide(id, decision, approver, actor);
    }

    /**
     * Moves the pending owner stages of a partner's requests to its new business owner, so the new owner finds them in
     * the inbox and the old one can no longer decide them; answers how many moved.
     */
    public int reassignOwnerStages(String partnerId, String oldOwner, String newOwner) {
        return decisions.reassignOwnerStages(partnerId, oldOwner, newOwner);
    }

    // ---- closing --------------------------------------------------------------------------------------------

    /** Locks the pending renewal requests of a grant; the caller locks them before the grant (the lock order). */
    public List<RequestModel> lockPendingRenewals(String grantId) {
        return closing.lockPendingRenewals(grantId);
    }

    /** Locks the pending renewals of any of these grants, in id order. */
    List<RequestModel> lockPendingRenewals(Collection<String> grantIds) {
        return closing.lockPendingRenewals(grantIds);
    }

    public AccessRequest cancel(String id, String reason, UserModel caller, boolean admin, Actor actor) {
        AccessRequest cancelled = closing.cancel(id, reason, caller, admin, actor);
        RequestModel request = queries.find(id, false);
        kinds.of(request).ended(request, CANCELLED, actor);
        return cancelled;
    }

    /** The sweep's end of a request nobody finished deciding within the policy's {@code requestTimeoutDays}. */
    void timeOut(RequestModel request, int timeoutDays) {
        closing.timeOut(request, timeoutDays);
        kinds.of(request).ended(request, TIMED_OUT, Actor.SYSTEM);
    }

    /**
     * Locks the pending requests of one member of a partner (on unmapping) or of every member (user null, on
     * offboarding). Requests are locked before grants, and both before any evidence is written.
     */
    public List<RequestModel> lockPending(String partnerId, String userId) {
        return closing.lockPending(partnerId, userId);
    }

    /** Cancels requests locked by {@link #lockPending}, each with its own {@code REQUEST_CANCELLED}. */
    public int cancelAll(List<RequestModel> pending, String reason, Actor actor) {
        return closing.cancelAll(pending, reason, actor);
    }

    // ---- reading --------------------------------------------------------------------------------------------

    /**
     * A request as its viewer may see it: admins with view-users see any, approvers the requests with a stage they
     * decide, partner users their own (as requester or beneficiary).
     */
    public AccessRequest get(String id, UserModel viewer, boolean admin) {
        return queries.get(id, viewer, admin);
    }

    /**
     * The same requests with the people who may decide each pending stage (at most
     * {@value StageApprovers#MAX_APPROVERS} per stage, none barred by separation of duties), for requesters who want
     * to know whom they wait for.
     */
    public List<AccessRequest> withApprovers(List<AccessRequest> requests) {
        return approvers.fill(requests);
    }

    public List<AccessRequest> list(String status, String partner, String user, Paging paging) {
        return queries.list(status, partner, user, paging);
    }

    /** The pending requests with a stage the approver may decide, oldest first: the approver's inbox. */
    public List<AccessRequest> awaiting(UserModel approver, Paging paging) {
        return queries.awaiting(approver, paging);
    }

    /** The user's own requests, newest first, for self-service. */
    public List<AccessRequest> ofUser(String userId, Paging paging) {
        return queries.ofUser(userId, paging);
    }
}
