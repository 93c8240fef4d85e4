package dev.partneraccess.core.spi;

import org.keycloak.models.RealmModel;
import org.keycloak.provider.Provider;

import dev.partneraccess.core.access.DefaultAccessCheck;
import dev.partneraccess.core.access.DelegationService;
import dev.partneraccess.core.access.ExpirySweep;
import dev.partneraccess.core.access.GrantCounter;
import dev.partneraccess.core.access.GrantService;
import dev.partneraccess.core.access.PostureMetrics;
import dev.partneraccess.core.access.PostureReport;
import dev.partneraccess.core.access.Reconciliation;
import dev.partneraccess.core.access.RequestService;
import dev.partneraccess.core.access.ServiceAccountService;
import dev.partneraccess.core.evidence.DenialThrottle;
import dev.partneraccess.core.evidence.EvidenceLedger;
import dev.partneraccess.core.evidence.LedgerChecker;
import dev.partneraccess.core.jpa.DelegationStore;
import dev.partneraccess.core.jpa.GrantStore;
import dev.partneraccess.core.jpa.LastLoginStore;
import dev.partneraccess.core.jpa.LeaseStore;
import dev.partneraccess.core.jpa.NoticeStore;
import dev.partneraccess.core.jpa.PartnerProfileStore;
import dev.partneraccess.core.partner.NativeEditService;
import dev.partneraccess.core.partner.PartnerIntakeService;
import dev.partneraccess.core.partner.PartnerLifecycleService;
import dev.partneraccess.core.partner.PartnerMembershipService;
import dev.partneraccess.core.jpa.RequestStore;
import dev.partneraccess.core.jpa.ServiceAccountStore;
import dev.partneraccess.core.partner.PartnerService;
import dev.partneraccess.core.partner.SessionTerminator;
import dev.partneraccess.core.policy.PolicyStore;
import dev.partneraccess.core.review.ReviewService;
import dev.partneraccess.core.content.ContentService;
import dev.partneraccess.core.wiring.RealmWiring;

/**
 * The single way into the product's services: {@code session.getProvider(PartnerAccessProvider.class)}. Keycloak
 * creates one instance per {@code KeycloakSession}, caches it for the session and closes it with the session, so a
 * service handed out here lives exactly as long as the session's transaction, and two callers in one session share it.
 *
 * <p>Services that work on one realm's data take the realm: each is built once per session and realm (a session may
 * touch several realms, e.g. a master-realm admin acting on a partner realm, or the sweep). The ledger, the policy
 * store and the stores that carry the realm id in every call are realm-independent and built once per session.
 * Everything handed out belongs to the session's thread; a task on another thread opens its own session.
 */
public interface PartnerAccessProvider extends Provider {

    /** The hash-chained evidence ledger (every method takes the realm id). */
    EvidenceLedger ledger();

    /** The ledger's incremental and full verification records. */
    LedgerChecker ledgerChecks();

    /** The versioned policy documents; the current one parsed once per version through this node's cache ({@link PolicyStore#current}). */
    PolicyStore policies();

    /** The recorded partner profiles (the last accepted {@code partner.*} attributes of each organization). */
    PartnerProfileStore profiles();

    /** The notices sent about grants and service accounts (every method takes the realm or subject). */
    NoticeStore notices();

    /** The rows of access requests and their stages in {@code realm}. */
    RequestStore requestStore(RealmModel realm);

    /** The approvers' delegations in {@code realm}. */
    DelegationStore delegationStore(RealmModel realm);

    /** Delegation of stage decisions by {@code realm}'s approvers. */
    DelegationService delegations(RealmModel realm);

    /** The rows of grants in {@code realm}. */
    GrantStore grantStore(RealmModel realm);

    /** The rows of partner service accounts in {@code realm}. */
    ServiceAccountStore serviceAccountStore(RealmModel realm);
    /** The scheduled tasks' lease rows (one node runs a task per interval). */
    LeaseStore leases();

    /** The cluster-wide throttle of {@code LOGIN_DENIED} records. */
    DenialThrottle denials();

    /** This node's {@code partner_access_*} gauges. */
    PostureMetrics metrics();

    /** The partners of {@code realm}: the registry's reads. */
    PartnerService partners(RealmModel realm);

    /** Partner intake and profile changes in {@code realm}. */
    PartnerIntakeService partnerIntake(RealmModel realm);

    /** The members of {@code realm}'s partners. */
    PartnerMembershipService partnerMembers(RealmModel realm);

    /** Suspension, reactivation and offboarding of {@code realm}'s partners. */
    PartnerLifecycleService partnerLifecycle(RealmModel realm);

    /** Edits of {@code realm}'s partners through Keycloak's own organization API. */
    NativeEditService nativeEdits(RealmModel realm);

    /** Access and renewal requests and their approval stages in {@code realm}. */
    RequestService requests(RealmModel realm);

    /** Grants (issue, revoke, expire) in {@code realm}. */
    GrantService grants(RealmModel realm);

    /** Partner service accounts in {@code realm}. */
    ServiceAccountService serviceAccounts(RealmModel realm);

    /** Ends a user's sessions in {@code realm} the way the admin logout does. */
    SessionTerminator sessions(RealmModel realm);

    /** Keeps governed roles out of {@code realm}'s default roles. */
    DefaultAccessCheck defaultAccess(RealmModel realm);

    /** Setup and the wiring checks of {@code realm}. */
    RealmWiring wiring(RealmModel realm);

    /** The kept count of ACTIVE grants in {@code realm}, changed with every grant (the report reads it). */
    GrantCounter grantCounts(RealmModel realm);

    /** The governance figures of {@code realm} ({@code GET /report}). */
    PostureReport report(RealmModel realm);

    /** Role mappings of {@code realm}'s governed roles compared with its grants. */
    Reconciliation reconciliation(RealmModel realm);

    /**
     * The expiry sweep with this server's batch size. It opens its own sessions for its batches (each with its own
     * provider), so it can be run from {@code POST /sweep} and from the timer alike.
     */
    ExpirySweep sweep();

    /** Access reviews (recertification) in {@code realm}. */
    ReviewService reviews(RealmModel realm);

    /** Content packages and their release in {@code realm}. */
    ContentService contents(RealmModel realm);

    /** The users' last logins, recorded by the gate at most once an hour. */
    LastLoginStore lastLogins();
}
