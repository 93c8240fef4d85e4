package dev.partneraccess.core.spi;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import dev.partneraccess.core.access.DefaultAccessCheck;
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
import dev.partneraccess.core.jpa.EvidenceStore;
import dev.partneraccess.core.jpa.GrantCountStore;
import dev.partneraccess.core.jpa.GrantStore;
import dev.partneraccess.core.jpa.JpaStores;
import dev.partneraccess.core.jpa.LastLoginStore;
import dev.partneraccess.core.jpa.LeaseStore;
import dev.partneraccess.core.jpa.LedgerCheckStore;
import dev.partneraccess.core.jpa.NoticeStore;
import dev.partneraccess.core.jpa.PartnerProfileStore;
import dev.partneraccess.core.jpa.PolicyVersionStore;
import dev.partneraccess.core.jpa.PostureStore;
import dev.partneraccess.core.jpa.RequestStore;
import dev.partneraccess.core.jpa.DelegationStore;
import dev.partneraccess.core.access.DelegationService;
import dev.partneraccess.core.jpa.ServiceAccountStore;
import dev.partneraccess.core.partner.NativeEditService;
import dev.partneraccess.core.partner.PartnerIntakeService;
import dev.partneraccess.core.partner.PartnerLifecycleService;
import dev.partneraccess.core.partner.PartnerMembershipService;
import dev.partneraccess.core.partner.PartnerService;
import dev.partneraccess.core.partner.SessionTerminator;
import dev.partneraccess.core.policy.PolicyStore;
import dev.partneraccess.core.review.ReviewService;
import dev.partneraccess.core.content.ContentService;
import dev.partneraccess.core.wiring.RealmWiring;

/**
 * Builds each service on first use and hands out the same instance for the rest of the session. Services that need
 * one another ask this provider when they do, never at construction, so grants and requests can refer to each other.
 */
final class DefaultPartnerAccessProvider implements PartnerAccessProvider {

    private final KeycloakSession session;
    private final DefaultPartnerAccessProviderFactory factory;
    private final Map<String, Object> built = new HashMap<>();

    DefaultPartnerAccessProvider(KeycloakSession session, DefaultPartnerAccessProviderFactory factory) {
        this.session = session;
        this.factory = factory;
    }

    /** The instance of {@code type} for {@code realm} (or for the session when null), built the first time. */
    private <T> T once(Class<T> type, RealmModel realm, Supplier<T> build) {
        String key = realm == null ? type.getName() : type.getName() + "@" + realm.getId();
        Object existing = built.get(key);
        if (existing == null) {
            // Not computeIfAbsent: building a service may ask this provider for another one.
            existing = build.get();
            built.put(key, existing);
        }
        return type.cast(existing);
    }

    @Override
    public EvidenceLedger ledger() {
        return once(EvidenceLedger.class, null, () -> new EvidenceLedger(once(EvidenceStore.class, null,
                () -> new EvidenceStore(session))));
    }

    @Override
    public LedgerChecker ledgerChecks() {
        return once(LedgerChecker.class, null, () -> new LedgerChecker(once(LedgerCheckStore.class, null,
                () -> new LedgerCheckStore(session)), ledger()));
    }

    @Override
    public PolicyStore policies() {
        return once(PolicyStore.class, null, () -> new PolicyStore(session, once(PolicyVersionStore.class, null,
                () -> new PolicyVersionStore(session)), ledger(), factory.policyCache()));
    }

    @Override
    public PartnerProfileStore profiles() {
        return once(PartnerProfileStore.class, null, () -> new PartnerProfileStore(session));
    }

    @Override
    public NoticeStore notices() {
        return once(NoticeStore.class, null, () -> JpaStores.notices(session));
    }

    @Override
    public RequestStore requestStore(RealmModel realm) {
        return once(RequestStore.class, realm, () -> JpaStores.requests(session, realm.getId()));
    }

    @Override
    public DelegationStore delegationStore(RealmModel realm) {
        return once(DelegationStore.class, realm, () -> JpaStores.delegations(session, realm.getId()));
    }

    @Override
    public DelegationService delegations(RealmModel realm) {
        return once(DelegationService.class, realm, () -> new DelegationService(session, realm, this));
    }

    @Override
    public GrantStore grantStore(RealmModel realm) {
        return once(GrantStore.class, realm, () -> JpaStores.grants(session, realm.getId()));
    }

    @Override
    public ServiceAccountStore serviceAccountStore(RealmModel realm) {
        return once(ServiceAccountStore.class, realm, () -> JpaStores.serviceAccounts(session, realm.getId()));
    }

    @Override
    public LeaseStore leases() {
        return once(LeaseStore.class, null, () -> new LeaseStore(session));
    }

    /** The aggregate reads of the report and the reconciliation (every method takes the realm id). */
    private PostureStore postureStore() {
        return once(PostureStore.class, null, () -> new PostureStore(session));
    }

    @Override
    public DenialThrottle denials() {
        return once(DenialThrottle.class, null, () -> new DenialThrottle(session.singleUseObjects()));
    }

    @Override
    public PostureMetrics metrics() {
        return factory.metrics();
    }

    @Override
    public PartnerService partners(RealmModel realm) {
        return once(PartnerService.class, realm, () -> new PartnerService(session, realm, this));
    }

    @Override
    public PartnerIntakeService partnerIntake(RealmModel realm) {
        return once(PartnerIntakeService.class, realm, () -> new PartnerIntakeService(session, realm, this));
    }

    @Override
    public PartnerMembershipService partnerMembers(RealmModel realm) {
        return once(PartnerMembershipService.class, realm, () -> new PartnerMembershipService(session, realm, this));
    }

    @Override
    public PartnerLifecycleService partnerLifecycle(RealmModel realm) {
        return once(PartnerLifecycleService.class, realm, () -> new PartnerLifecycleService(session, realm, this));
    }

    @Override
    public NativeEditService nativeEdits(RealmModel realm) {
        return once(NativeEditService.class, realm, () -> new NativeEditService(session, realm, this));
    }

    @Override
    public RequestService requests(RealmModel realm) {
        return once(RequestService.class, realm, () -> new RequestService(session, realm, this));
    }

    @Override
    public GrantService grants(RealmModel realm) {
        return once(GrantService.class, realm, () -> new GrantService(session, realm, this));
    }

    @Override
    public ServiceAccountService serviceAccounts(RealmModel realm) {
        return once(ServiceAccountService.class, realm, () -> new ServiceAccountService(session, realm, this));
    }

    @Override
    public SessionTerminator sessions(RealmModel realm) {
        return once(SessionTerminator.class, realm, () -> new SessionTerminator(session, realm, JpaStores.sessions(session)));
    }

    @Override
    public DefaultAccessCheck defaultAccess(RealmModel realm) {
        return once(DefaultAccessCheck.class, realm, () -> new DefaultAccessCheck(session, realm, ledger()));
    }

    @Override
    public RealmWiring wiring(RealmModel realm) {
        return once(RealmWiring.class, realm, () -> new RealmWiring(session, realm, ledger()));
    }

    @Override
    public GrantCounter grantCounts(RealmModel realm) {
        return once(GrantCounter.class, realm, () -> new GrantCounter(session, realm,
                once(GrantCountStore.class, null, () -> new GrantCountStore(session)), ledger()));
    }

    @Override
    public PostureReport report(RealmModel realm) {
        return once(PostureReport.class, realm, () -> new PostureReport(session, realm, postureStore(), this));
    }

    @Override
    public Reconciliation reconciliation(RealmModel realm) {
        return once(Reconciliation.class, realm, () -> new Reconciliation(session, realm, postureStore()));
    }

    @Override
    public ExpirySweep sweep() {
        return once(ExpirySweep.class, null, () -> new ExpirySweep(session.getKeycloakSessionFactory(), factory.sweepBatchSize()));
    }

    @Override
    public ReviewService reviews(RealmModel realm) {
        return once(ReviewService.class, realm, () -> new ReviewService(session, realm, this));
    }

    @Override
    public ContentService contents(RealmModel realm) {
        return once(ContentService.class, realm, () -> new ContentService(session, realm, this,
                JpaStores.contents(session, realm.getId()), factory.releaseCache()));
    }

    @Override
    public LastLoginStore lastLogins() {
        return once(LastLoginStore.class, null, () -> new LastLoginStore(session));
    }

    @Override
    public void close() {
        built.clear();
    }
}
