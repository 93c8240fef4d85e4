package dev.partneraccess.core.access;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.partneraccess.core.evidence.EvidenceLedger;
import dev.partneraccess.core.evidence.EvidenceType;
import dev.partneraccess.core.jpa.RequestStore;
import dev.partneraccess.core.partner.Partner;
import dev.partneraccess.core.partner.PartnerDirectory;
import dev.partneraccess.core.partner.PartnerStatus;
import dev.partneraccess.core.policy.AccessLimits;
import dev.partneraccess.core.policy.Policy;
import dev.partneraccess.core.policy.PolicyStore;
import dev.partneraccess.core.policy.StoredPolicy;
import dev.partneraccess.core.spi.PartnerAccessProvider;
import dev.partneraccess.core.support.Actor;
import dev.partneraccess.core.support.Refusal;
import dev.partneraccess.core.support.Json;
import dev.partneraccess.core.support.Paging;
import dev.partneraccess.core.support.TextRules;

/**
 * Access requests for governed roles: creation against the policy's rules, stage decisions with separation of duties,
 * cancellation, and the grant the last approval issues. Each change writes its evidence in the same transaction. A
 * decision holds a row lock on its request for the rest of the transaction, so two approvers deciding the last stage
 * at the same moment produce one grant and one refusal.
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
    /** The role name a service account's renewal request carries: it grants no role. */
    public static final String SERVICE_ACCOUNT = "service-account";
    private static final Set<String> STATUSES = Set.of(PENDING, APPROVED, REJECTED, CANCELLED, TIMED_OUT);
    public static final int PURPOSE_MIN = 20;
    public static final int PURPOSE_MAX = 2000;
    public static final int JUSTIFICATION_MAX = 2000;

    private final KeycloakSession session;
    private final RealmModel realm;
    private final EvidenceLedger ledger;
    private final PolicyStore policies;
    private final GrantService grants;
    private final ApproverNotifier notifier;
    private final RequestStore store;

    private final PartnerAccessProvider access;

    /** Built by {@link PartnerAccessProvider#requests(RealmModel)}, once per session and realm. */
    public RequestService(KeycloakSession session, RealmModel realm, PartnerAccessProvider access) {
        this.session = session;
        this.realm = realm;
        this.access = access;
        this.ledger = access.ledger();
        this.policies = access.policies();
        this.grants = access.grants(realm);
        this.notifier = new ApproverNotifier(session, realm);
        this.store = access.requestStore(realm);
    }

    // ---- creation -------------------------------------------------------------------------------------------

    /**
     * Opens a request. {@code self} is the partner user asking for themselves through self-service: then the input's
     * {@code userId} may be null and must otherwise name the caller.
     */
    public AccessRequest create(NewRequest input, Actor actor, boolean self) {
        String userId = self ? NewRequest.forSelf(input.userId(), actor.id()) : input.userId();
        String roleName = input.roleName();
        String clientId = input.clientId();
        String purpose = input.businessPurpose();
        int days = input.days();

        UserModel user = session.users().getUserById(realm, userId);
        if (user == null) {
            throw Refusal.invalid("user", "No user '" + userId + "' in this realm.");
        }
        StoredPolicy stored = policies.current(realm).orElseThrow(() -> Refusal.conflict("policy",
                "This realm has no partner access policy yet; PUT /policy first."));
        Policy policy = stored.policy();
        Limits limits = limits(policy, user, roleName, clientId);
        Policy.Programme programme = limits.programme();
        Partner partner = limits.partner();
        RoleModel role = limits.role();
        int maxDays = limits.maxDays();
        if (days > maxDays) {
            throw Refusal.invalid("days", "'days' may be at most " + maxDays + " for the "
                    + GovernedRoles.describe(roleName, clientId) + " at tier '" + limits.tier().name() + "'.");
        }

        // One request at a time per user and role, across the cluster: the realm's evidence lock serialises creation.
        ledger.lock(realm.getId());
        refuseDuplicate(user, role.getId(), "role", "the " + GovernedRoles.describe(roleName, clientId));
        access.grantStore(realm).activeForUserRole(user.getId(), role.getId()).ifPresent(active -> {
                    throw Refusal.conflict("role", "User '" + user.getUsername() + "' already holds the "
                            + GovernedRoles.describe(roleName, clientId) + " through grant '" + active.getId() + "' until "
                            + Json.isoTime(active.getExpiresAt()) + "; renew that grant instead.");
                });

        RequestModel request = newRequest(TYPE_ACCESS, user, partner, role.getId(), role.getName(), clientId, purpose, days,
                stored.version(), actor);

        List<String> stageNames = StageSelection.forAccess(policy, programme, user.getServiceAccountClientLink() != null);
        List<StageModel> stages = new ArrayList<>();
        for (String name : stageNames) {
            stages.add(stage(request, policy.stages().get(name), stages.size(), partner));
        }
        request.setStatus(stages.isEmpty() ? APPROVED : PENDING);
        store.persist(request, stages);

        ObjectNode details = requestDetails(request);
        details.put("type", request.getType());
        details.put("days", days);
        details.put("maxDays", maxDays);
        details.put("businessPurpose", purpose);
        ArrayNode stageList = details.putArray("stages");
        stageNames.forEach(stageList::add);
        details.put("policyVersion", stored.version());
        ledger.append(realm.getId(), EvidenceType.REQUEST_CREATED, actor, request.getId(), partner.id(), details);

        if (stages.isEmpty()) {
            // Self-service programme: approved on request, still time-bound and evidenced.
            GrantModel grant = grants.issue(request, actor);
            request.setGrantId(grant.getId());
            request.setClosedAt(request.getCreatedAt());
        } else {
            UserModel requester = actor.id().equals(user.getId()) ? user : session.users().getUserById(realm, actor.id());
            notifier.stagesAwaiting(request, stages, user, requester, partner);
        }
        return store.answer(request, stages);
    }

    private record Limits(Partner partner, Policy.Tier tier, Policy.Programme programme, RoleModel role, int maxDays) {
    }

    /** The policy's rules for a user and a governed role: which programme, which partner and tier, how many days. */
    private Limits limits(Policy policy, UserModel user, String roleName, String clientId) {
        Policy.Programme programme = GovernedRoles.programme(policy, roleName, clientId).orElseThrow(() ->
                Refusal.invalid("role", "The " + GovernedRoles.describe(roleName, clientId)
                        + " is not governed by the policy; governed: " + policy.programmes().stream()
                        .map(p -> p.client() == null ? p.role() : p.client() + "/" + p.role())
                        .collect(Collectors.joining(", ")) + "."));
        RoleModel role = GovernedRoles.resolve(realm, programme);
        if (role == null) {
            throw Refusal.conflict("role", "The " + GovernedRoles.describe(roleName, clientId) + " no longer exists in this realm.");
        }
        Partner partner = PartnerDirectory.partnerOf(session, realm, user).orElseThrow(() ->
                Refusal.invalid("user", "User '" + user.getUsername() + "' is not a member of any partner."));
        if (partner.status() != PartnerStatus.ACTIVE) {
            throw Refusal.conflict("partner", "Partner '" + partner.name() + "' is " + partner.status()
                    + "; only an ACTIVE partner's users can request access.");
        }
        Policy.Tier tier = policy.tier(partner.tier()).orElseThrow(() -> Refusal.conflict("partner",
                "Partner '" + partner.name() + "' has tier '" + partner.tier() + "', which the policy does not define."));
        if (!AccessLimits.reaches(policy, tier, programme)) {
            throw Refusal.conflict("role", "The " + GovernedRoles.describe(roleName, clientId) + " needs tier '"
                    + programme.minTier() + "' or higher; partner '" + partner.name() + "' is '" + tier.name() + "'.");
        }
        return new Limits(partner, tier, programme, role, AccessLimits.maxDays(tier, programme));
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
        request.setPartnerId(partner.id());
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

    // ---- decisions ------------------------------------------------------------------------------------------

    public AccessRequest decide(String id, StageDecision decision, UserModel approver, Actor actor) {
        String stageName = decision.stage();
        boolean approve = decision.approves();
        String justification = decision.justification();

        RequestModel request = find(id, true);
        if (TYPE_RENEWAL.equals(request.getType()) && PENDING.equals(request.getStatus())) {
            // rows before the evidence chain: the lock order everywhere
            if (request.getServiceAccountId() != null) {
                serviceAccounts().locked(request.getServiceAccountId());
            } else {
                grants.locked(request.getRenewsGrantId());
            }
        }
        List<StageModel> stages = stages(List.of(request.getId())).getOrDefault(request.getId(), List.of());
        StageModel stage = stages.stream().filter(s -> s.getStage().equals(stageName)).findFirst().orElseThrow(() ->
                Refusal.invalid("stage", "Request '" + id + "' has no stage '" + stageName + "'; its stages: "
                        + stages.stream().map(StageModel::getStage).collect(Collectors.joining(", ")) + "."));
        followCurrentOwner(request, stage);
        // The right to decide comes first: someone who may not decide learns nothing about the stage's state.
        if (!Approvers.mayDecide(stage, approver.getId(), Approvers.realmRoles(approver))) {
            throw Refusal.forbidden("Stage '" + stageName + "' is decided by " + Approvers.describe(stage) + ".");
        }
        if (!PENDING.equals(request.getStatus())) {
            throw Refusal.conflict("status", "Request '" + id + "' is " + request.getStatus() + "; it takes no more decisions.");
        }
        if (!PENDING.equals(stage.getStatus())) {
            throw Refusal.conflict("stage", "Stage '" + stageName + "' of request '" + id + "' was already decided ("
                    + stage.getStatus() + " at " + Json.isoTime(stage.getDecidedAt()) + ").");
        }
        // Separation of duties: nobody decides a stage of a request they asked for, benefit from, or already decided.
        Map<String, String> decidedBy = new HashMap<>();
        stages.stream().filter(s -> s.getDecidedBy() != null).forEach(s -> decidedBy.put(s.getStage(), s.getDecidedBy()));
        SeparationOfDuties.refusal(approver.getId(), request.getCreatedBy(), request.getUserId(), stageName, decidedBy)
                .ifPresent(reason -> {
                    throw Refusal.forbidden(reason);
                });

        long now = Time.currentTimeMillis();
        stage.setStatus(approve ? APPROVED : REJECTED);
        stage.setDecidedBy(approver.getId());
        stage.setDecidedAt(now);
        stage.setJustification(justification);
        ObjectNode details = requestDetails(request);
        details.put("stage", stageName);
        details.put("justification", justification);
        details.put("policyVersion", request.getPolicyVersion());
        ledger.append(realm.getId(), approve ? EvidenceType.STAGE_APPROVED : EvidenceType.STAGE_REJECTED, actor,
                request.getId(), request.getPartnerId(), details);

        if (!approve) {
            close(request, stages, REJECTED, now);
        } else if (stages.stream().allMatch(s -> APPROVED.equals(s.getStatus()))) {
            String refusal = recheck(request);
            if (refusal != null) {
                rejectBySystem(request, stages, stage, approver, refusal, now);
                throw Refusal.conflict("request", "Request '" + id + "' can no longer be granted: " + refusal
                        + " It was rejected; your approval is recorded.").keepingChanges();
            }
            request.setStatus(APPROVED);
            request.setClosedAt(now);
            if (TYPE_RENEWAL.equals(request.getType()) && request.getServiceAccountId() != null) {
                ServiceAccountModel account = serviceAccounts().locked(request.getServiceAccountId());
                Partner partner = PartnerDirectory.byId(session, realm, account.getPartnerId()).orElseThrow(() ->
                        Refusal.conflict("partner", "The service account's partner no longer exists."));
                int maxDays = AccessLimits.maxDays(serviceAccounts().tier(partner), null);
                serviceAccounts().renew(account.getId(), Math.min(request.getDays(), maxDays), request.getId(), actor);
            } else if (TYPE_RENEWAL.equals(request.getType())) {
                UserModel user = session.users().getUserById(realm, request.getUserId());
                Policy policy = policies.current(realm).map(StoredPolicy::policy).orElseThrow();
                grants.renew(request, limits(policy, user, request.getRoleName(), request.getClientId()).maxDays(), actor);
            } else {
                GrantModel grant = grants.issue(request, actor);
                request.setGrantId(grant.getId());
            }
        }
        return store.answer(request, stages);
    }

    /**
     * What changed since the request was made and no longer allows issuing it, re-checked under the request's lock at
     * the last approval with the current policy: the partner's status, its tier against the programme's minimum, the
     * programme itself and its maximum days. Null when the grant may still be issued. A service account's renewal is
     * checked when the account is renewed.
     */
    private String recheck(RequestModel request) {
        if (request.getServiceAccountId() != null) {
            return null;
        }
        UserModel user = session.users().getUserById(realm, request.getUserId());
        if (user == null) {
            return "the user no longer exists.";
        }
        Policy policy = policies.current(realm).map(StoredPolicy::policy).orElse(null);
        if (policy == null) {
            return "the realm has no partner access policy.";
        }
        try {
            Limits limits = limits(policy, user, request.getRoleName(), request.getClientId());
            if (!limits.partner().id().equals(request.getPartnerId())) {
                return "the user now belongs to another partner.";
            }
            if (TYPE_ACCESS.equals(request.getType()) && request.getDays() > limits.maxDays()) {
                return request.getDays() + " days are more than the " + limits.maxDays() + " the current policy allows for the "
                        + GovernedRoles.describe(request.getRoleName(), request.getClientId()) + " at tier '"
                        + limits.tier().name() + "'.";
            }
            return null;
        } catch (Refusal refused) {
            return refused.getMessage();
        }
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
        close(request, stages, REJECTED, now);
        ObjectNode details = requestDetails(request);
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
    public int reassignOwnerStages(String partnerId, String oldOwner, String newOwner) {
        if (oldOwner == null || newOwner == null || oldOwner.equals(newOwner)) {
            return 0;
        }
        return store.reassignOwnerStages(partnerId, oldOwner, newOwner);
    }

    /** Locks the pending renewal requests of a grant; the caller locks them before the grant (the lock order). */
    public List<RequestModel> lockPendingRenewals(String grantId) {
        return store.lockPendingRenewals(grantId);
    }

    public AccessRequest cancel(String id, String reason, UserModel caller, boolean admin, Actor actor) {
        RequestModel request = find(id, true);
        if (!admin && !caller.getId().equals(request.getCreatedBy()) && !caller.getId().equals(request.getUserId())) {
            throw Refusal.forbidden("Only the requester, the beneficiary or an admin with manage-users may cancel a request.");
        }
        if (!PENDING.equals(request.getStatus())) {
            throw Refusal.conflict("status", "Request '" + id + "' is " + request.getStatus() + "; only a PENDING request can be cancelled.");
        }
        List<StageModel> stages = stages(List.of(request.getId())).getOrDefault(request.getId(), List.of());
        close(request, stages, CANCELLED, Time.currentTimeMillis());
        ObjectNode details = requestDetails(request);
        details.put("reason", reason);
        details.put("policyVersion", request.getPolicyVersion());
        ledger.append(realm.getId(), EvidenceType.REQUEST_CANCELLED, actor, request.getId(), request.getPartnerId(), details);
        return store.answer(request, stages);
    }

    /** The sweep's end of a request nobody finished deciding within the policy's {@code requestTimeoutDays}. */
    void timeOut(RequestModel request, int timeoutDays) {
        List<StageModel> stages = stages(List.of(request.getId())).getOrDefault(request.getId(), List.of());
        List<String> undecided = stages.stream().filter(st -> PENDING.equals(st.getStatus())).map(StageModel::getStage).toList();
        close(request, stages, TIMED_OUT, Time.currentTimeMillis());
        ObjectNode details = requestDetails(request);
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
    public List<RequestModel> lockPending(String partnerId, String userId) {
        return store.lockPending(partnerId, userId);
    }

    /** Cancels requests locked by {@link #lockPending}, each with its own {@code REQUEST_CANCELLED}. */
    public int cancelAll(List<RequestModel> pending, String reason, Actor actor) {
        Map<String, List<StageModel>> stages = pending.isEmpty() ? Map.of()
                : stages(pending.stream().map(RequestModel::getId).toList());
        long now = Time.currentTimeMillis();
        for (RequestModel request : pending) {
            close(request, stages.getOrDefault(request.getId(), List.of()), CANCELLED, now);
            ObjectNode details = requestDetails(request);
            details.put("reason", reason);
            details.put("policyVersion", request.getPolicyVersion());
            ledger.append(realm.getId(), EvidenceType.REQUEST_CANCELLED, actor, request.getId(), request.getPartnerId(), details);
        }
        return pending.size();
    }

    // ---- renewal ----

    private ServiceAccountService serviceAccounts() {
        return access.serviceAccounts(realm);
    }

    /**
     * Opens a RENEWAL request for a partner service account: one stage, {@code owner}, decided by the partner's
     * business owner; approval moves the account's end to the approval time plus {@code days}.
     */
    public AccessRequest renewServiceAccount(String id, Renewal renewal, Actor actor) {
        int days = renewal.days();
        String justification = renewal.justification();
        ServiceAccountModel account = serviceAccounts().locked(id);
        if (!account.isEnabled() || account.getExpiresAt() <= Time.currentTimeMillis()) {
            throw Refusal.conflict("serviceAccount", "Service account '" + account.getClientId()
                    + "' is disabled or past its end; only an active service account can be renewed.");
        }
        Partner partner = PartnerDirectory.byId(session, realm, account.getPartnerId()).filter(p -> p.status() == PartnerStatus.ACTIVE)
                .orElseThrow(() -> Refusal.conflict("partner", "The service account's partner is not ACTIVE."));
        int maxDays = AccessLimits.maxDays(serviceAccounts().tier(partner), null);
        if (days > maxDays) {
            throw Refusal.invalid("days", "'days' may be at most " + maxDays + " at tier '" + partner.tier() + "'.");
        }
        UserModel serviceUser = account.getUserId() == null ? null : session.users().getUserById(realm, account.getUserId());
        if (serviceUser == null) {
            throw Refusal.conflict("serviceAccount", "The service account's user no longer exists.");
        }
        StoredPolicy stored = policies.current(realm).orElseThrow(() -> Refusal.conflict("policy",
                "This realm has no partner access policy."));
        ledger.lock(realm.getId());
        refuseDuplicate(serviceUser, account.getId(), "serviceAccount", "the renewal of service account '" + account.getClientId() + "'");
        RequestModel request = newRequest(TYPE_RENEWAL, serviceUser, partner, account.getId(), SERVICE_ACCOUNT,
                account.getClientId(), justification, days, stored.version(), actor);
        request.setServiceAccountId(account.getId());
        List<StageModel> stages = List.of(stage(request, new Policy.Stage("owner", null, null, true), 0, partner));
        request.setStatus(PENDING);
        store.persist(request, stages);
        ObjectNode details = requestDetails(request);
        details.put("type", TYPE_RENEWAL);
        details.put("serviceAccount", account.getId());
        details.put("currentExpiresAt", Json.isoTime(account.getExpiresAt()));
        details.put("days", days);
        details.put("businessPurpose", justification);
        details.putArray("stages").add("owner");
        details.put("policyVersion", stored.version());
        ledger.append(realm.getId(), EvidenceType.REQUEST_CREATED, actor, request.getId(), partner.id(), details);
        UserModel requester = session.users().getUserById(realm, actor.id());
        notifier.stagesAwaiting(request, stages, serviceUser, requester, partner);
        return store.answer(request, stages);
    }

    /**
     * Opens a RENEWAL request for an active grant: one stage, {@code owner}, decided by the partner's business owner.
     * The days are checked against the role's current maximum at the partner's tier, as for a new request.
     */
    public AccessRequest renew(String grantId, Renewal renewal, Actor actor) {
        int days = renewal.days();
        String justification = renewal.justification();
        GrantModel grant = grants.locked(grantId);
        if (!GrantService.ACTIVE.equals(grant.getStatus()) || grant.getExpiresAt() <= Time.currentTimeMillis()) {
            throw Refusal.conflict("status", "Grant '" + grantId + "' is " + (GrantService.ACTIVE.equals(grant.getStatus())
                    ? "past its end" : grant.getStatus()) + "; only an active grant can be renewed. Request the access anew.");
        }
        UserModel user = session.users().getUserById(realm, grant.getUserId());
        if (user == null) {
            throw Refusal.conflict("user", "The grant's user no longer exists.");
        }
        StoredPolicy stored = policies.current(realm).orElseThrow(() -> Refusal.conflict("policy",
                "This realm has no partner access policy."));
        Limits limits = limits(stored.policy(), user, grant.getRoleName(), grant.getClientId());
        if (days > limits.maxDays()) {
            throw Refusal.invalid("days", "'days' may be at most " + limits.maxDays() + " for the "
                    + GovernedRoles.describe(grant.getRoleName(), grant.getClientId()) + " at tier '" + limits.tier().name() + "'.");
        }
        ledger.lock(realm.getId());
        refuseDuplicate(user, grant.getRoleId(), "role", "the " + GovernedRoles.describe(grant.getRoleName(), grant.getClientId()));

        RequestModel request = newRequest(TYPE_RENEWAL, user, limits.partner(), grant.getRoleId(), grant.getRoleName(),
                grant.getClientId(), justification, days, stored.version(), actor);
        request.setRenewsGrantId(grant.getId());
        request.setGrantId(grant.getId());
        List<StageModel> stages = List.of(stage(request, new Policy.Stage("owner", null, null, true), 0, limits.partner()));
        request.setStatus(PENDING);
        store.persist(request, stages);

        ObjectNode details = requestDetails(request);
        details.put("type", TYPE_RENEWAL);
        details.put("grantId", grant.getId());
        details.put("currentExpiresAt", Json.isoTime(grant.getExpiresAt()));
        details.put("days", days);
        details.put("maxDays", limits.maxDays());
        details.put("businessPurpose", justification);
        details.putArray("stages").add("owner");
        details.put("policyVersion", stored.version());
        ledger.append(realm.getId(), EvidenceType.REQUEST_CREATED, actor, request.getId(), limits.partner().id(), details);
        UserModel requester = actor.id().equals(user.getId()) ? user : session.users().getUserById(realm, actor.id());
        notifier.stagesAwaiting(request, stages, user, requester, limits.partner());
        return store.answer(request, stages);
    }

    /** Ends a pending request without a grant; stages nobody decided are skipped, so no inbox still shows them. */
    private static void close(RequestModel request, List<StageModel> stages, String status, long now) {
        request.setStatus(status);
        request.setClosedAt(now);
        stages.stream().filter(s -> PENDING.equals(s.getStatus())).forEach(s -> s.setStatus(SKIPPED));
    }

    // ---- reading --------------------------------------------------------------------------------------------

    private RequestModel find(String id, boolean lock) {
        RequestModel request = !TextRules.plausibleId(id) ? null : store.find(id, lock);
        if (request == null) {
            throw Refusal.notFound("No request '" + id + "' in this realm.");
        }
        return request;
    }

    /**
     * A request as its viewer may see it: admins with view-users see any, approvers the requests with a stage they
     * decide, partner users their own (as requester or beneficiary).
     */
    public AccessRequest get(String id, UserModel viewer, boolean admin) {
        RequestModel request = find(id, false);
        List<StageModel> stages = stages(List.of(id)).getOrDefault(id, List.of());
        if (!admin && viewer != null && !viewer.getId().equals(request.getCreatedBy()) && !viewer.getId().equals(request.getUserId())) {
            Set<String> roles = Approvers.realmRoles(viewer);
            if (stages.stream().noneMatch(s -> Approvers.mayDecide(s, viewer.getId(), roles))) {
                throw Refusal.forbidden("This needs the realm-management role view-users or an approver role of this request.");
            }
        } else if (!admin && viewer == null) {
            throw Refusal.forbidden("This needs the realm-management role view-users.");
        }
        return store.answer(request, stages);
    }

    public List<AccessRequest> list(String status, String partner, String user, Paging paging) {
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
    public List<AccessRequest> awaiting(UserModel approver, Paging paging) {
        List<String> roles = new ArrayList<>(Approvers.realmRoles(approver));
        if (roles.isEmpty()) {
            roles.add("");
        }
        return store.awaiting(roles, approver.getId(), paging);
    }

    /** The user's own requests, newest first, for self-service. */
    public List<AccessRequest> ofUser(String userId, Paging paging) {
        return store.ofUser(userId, paging);
    }

    private Map<String, List<StageModel>> stages(List<String> requestIds) {
        return store.stages(requestIds);
    }

    private static ObjectNode requestDetails(RequestModel request) {
        ObjectNode details = Json.object();
        details.put("user", request.getUserId());
        details.put("role", request.getRoleName());
        details.put("client", request.getClientId());
        return details;
    }
}
