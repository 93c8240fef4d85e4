package dev.partneraccess.core.access;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

import dev.partneraccess.core.jpa.GrantStore;
import dev.partneraccess.core.jpa.NoticeKind;
import dev.partneraccess.core.jpa.NoticeStore;
import dev.partneraccess.core.jpa.NoticeSubjectType;
import dev.partneraccess.core.jpa.RealmData;
import dev.partneraccess.core.jpa.RequestStore;
import dev.partneraccess.core.jpa.ServiceAccountStore;
import dev.partneraccess.core.partner.PartnerDirectory;
import dev.partneraccess.core.policy.AccessLimits;
import dev.partneraccess.core.policy.Policy;
import dev.partneraccess.core.policy.StoredPolicy;
import dev.partneraccess.core.spi.PartnerAccessProvider;
import dev.partneraccess.core.support.Json;

/**
 * The expiry sweep of one realm: grants past their end become EXPIRED (role mapping removed through the model,
 * {@code GRANT_EXPIRED} written), pending requests older than the policy's {@code requestTimeoutDays} become
 * TIMED_OUT, and expiry notices go out at the policy's {@code expiryNoticeDays}. Work goes in batches of at most
 * {@code batchSize} items, each batch in its own transaction, and every item is re-checked under a row lock, so a crash
 * between batches loses nothing and a re-run neither skips nor repeats. Its cost follows the number of due items:
 * each query reads an index on status and time.
 */
public final class ExpirySweep {

    private static final Logger LOG = Logger.getLogger(ExpirySweep.class);
    private static final long DAY = TimeUnit.DAYS.toMillis(1);

    public record Result(int expired, int revoked, int serviceAccountsDisabled, int timedOut, int notices, long durationMs) {
    }

    private final KeycloakSessionFactory factory;
    private final int batchSize;

    public ExpirySweep(KeycloakSessionFactory factory, int batchSize) {
        this.factory = factory;
        this.batchSize = batchSize;
    }

    /** Sweeps every realm that has a policy. */
    public void runAll() {
        List<String> realms = new ArrayList<>();
        KeycloakModelUtils.runJobInTransaction(factory, s -> realms.addAll(RealmData.withPolicy(s)));
        for (String realmId : realms) {
            try {
                Result result = run(realmId, Integer.MAX_VALUE);
                if (result.expired() + result.serviceAccountsDisabled() + result.timedOut() + result.notices() > 0) {
                    LOG.infof("partner access sweep of realm %s: %d expired, %d service accounts disabled (%d grants"
                            + " revoked), %d timed out, %d notices in %d ms", realmId, result.expired(),
                            result.serviceAccountsDisabled(), result.revoked(), result.timedOut(), result.notices(),
                            result.durationMs());
                }
            } catch (RuntimeException e) {
                LOG.errorf(e, "partner access sweep of realm %s failed; the next run picks up where it stopped", realmId);
            }
        }
    }

    /** Sweeps one realm, stopping after {@code maxBatches} batches of each kind. */
    public Result run(String realmId, int maxBatches) {
        long started = System.nanoTime();
        long now = Time.currentTimeMillis();
        int expired = expireGrants(realmId, now, maxBatches);
        int[] serviceAccounts = serviceAccounts(realmId, now, maxBatches);
        int timedOut = loop(maxBatches, () -> timeOutBatch(realmId, now));
        int notices = loop(maxBatches, () -> noticeBatch(realmId, now));
        notices += serviceAccountNotices(realmId, now, maxBatches);
        inRealm(realmId, (s, realm) -> access(s).ledgerChecks().checkNew(realmId));
        // A partial import or another path without an event of its own may have put a governed role among the defaults.
        inRealm(realmId, (s, realm) -> access(s).policies().current(realm).ifPresent(stored ->
                access(s).defaultAccess(realm).run(stored.policy(), dev.partneraccess.core.support.Actor.SYSTEM, "sweep", false)));
        return new Result(expired, serviceAccounts[1], serviceAccounts[0], timedOut, notices,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    private interface Batch {
        /** Answers how many items the batch found due (not how many it changed). */
        int run();
    }

    private int loop(int maxBatches, Batch batch) {
        int total = 0;
        for (int i = 0; i < maxBatches; i++) {
            int found = batch.run();
            total += found;
            if (found < batchSize) {
                break;
            }
        }
        return total;
    }

    /**
     * Expires the due grants in batches read by (end, id), two batches at a time: while one batch holds the chain lock
     * to record its grants, the next removes its role mappings, which is most of a batch's work and needs no lock but
     * its own grant rows. More than two would only queue on the chain lock. Pages are read ahead by key, so the two
     * batches never take the same grants; a grant that a concurrent run took first is skipped under its row lock.
     */
    private int expireGrants(String realmId, long now, int maxBatches) {
        ExecutorService workers = null;
        Future<Integer> previous = null;
        int expired = 0;
        Object[] after = {Long.MIN_VALUE, ""};
        try {
            for (int i = 0; i < maxBatches; i++) {
                List<String> page = dueGrants(realmId, now, after);
                if (page.isEmpty()) {
                    break;
                }
                boolean last = page.size() < batchSize || i + 1 == maxBatches;
                if (previous == null && last) {
                    // A single batch needs no second thread: the common case when a sweep finds a few grants.
                    return expireBatch(realmId, now, page);
                }
                if (workers == null) {
                    workers = Executors.newFixedThreadPool(2, SweepWorker::new);
                }
                Future<Integer> current = workers.submit(() -> expireBatch(realmId, now, page));
                if (previous != null) {
                    expired += outcome(previous);
                }
                previous = current;
                if (last) {
                    break;
                }
            }
            return previous == null ? expired : expired + outcome(previous);
        } finally {
            if (workers != null) {
                // Lets a batch still running finish (and commit or roll back) before the run reports.
                workers.shutdown();
                awaitQuietly(workers);
            }
        }
    }

    /** The next page of due grant ids after {@code after} = {end, id}, which it moves to the page's last grant. */
    private List<String> dueGrants(String realmId, long now, Object[] after) {
        List<GrantStore.Due> rows = new ArrayList<>();
        inRealm(realmId, (s, realm) -> rows.addAll(access(s).grantStore(realm)
                .due(now, (Long) after[0], (String) after[1], batchSize)));
        if (!rows.isEmpty()) {
            GrantStore.Due lastRow = rows.get(rows.size() - 1);
            after[0] = lastRow.expiresAt();
            after[1] = lastRow.id();
        }
        return rows.stream().map(GrantStore.Due::id).toList();
    }

    private int expireBatch(String realmId, long now, List<String> due) {
        AtomicInteger done = new AtomicInteger();
        inRealm(realmId, (s, realm) -> {
            // Lock the whole batch before the first evidence record takes the chain lock: locks are always taken in
            // the order rows, then chain, so the sweep cannot deadlock with a revocation of the same grant. Only the
            // ids are locked here: the grants are loaded after Keycloak has removed the role mappings, whose removal
            // flushes the persistence context every time.
            GrantStore store = access(s).grantStore(realm);
            List<String> locked = store.lockIds(due);
            // Nothing the batch reads depends on what it has written so far (each grant touches its own user's
            // mapping), so the writes wait for the commit instead of being flushed before every read.
            store.flushAtCommit();
            done.set(grants(s, realm).expireAll(locked, now));
        });
        return done.get();
    }

    private static int outcome(Future<Integer> batch) {
        try {
            return batch.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("expiry sweep interrupted", e);
        }
    }

    private static void awaitQuietly(ExecutorService workers) {
        try {
            if (!workers.awaitTermination(10, TimeUnit.MINUTES)) {
                LOG.warn("an expiry batch is still running after 10 minutes");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class SweepWorker extends Thread {
        SweepWorker(Runnable task) {
            super(task, "partner-access-sweep-batch");
            setDaemon(true);
        }
    }

    /**
     * Service accounts past their end, or whose secret is older than their partner's tier allows
     * ({@code secretMaxDays}): disabled, their grants revoked. Candidates come in id order from an index on
     * (enabled, end) and (enabled, secret age); the tier decides which of those whose secret is old are due.
     * Answers {accounts disabled, grants revoked}.
     */
    private int[] serviceAccounts(String realmId, long now, int maxBatches) {
        int[] totals = new int[2];
        String[] after = {""};
        for (int i = 0; i < maxBatches; i++) {
            int[] found = {0};
            inRealm(realmId, (s, realm) -> {
                Optional<StoredPolicy> policy = access(s).policies().current(realm);
                long secretBefore = policy.map(p -> AccessLimits.secretCandidatesUpTo(p.policy(), now)).orElse(Long.MIN_VALUE);
                ServiceAccountStore store = access(s).serviceAccountStore(realm);
                List<String> due = store.sweepCandidates(now, secretBefore, after[0], batchSize);
                found[0] = due.size();
                if (due.isEmpty()) {
                    return;
                }
                after[0] = due.get(due.size() - 1);
                GrantService grants = grants(s, realm);
                ServiceAccountService accounts = access(s).serviceAccounts(realm);
                for (ServiceAccountModel account : store.lockAll(due)) {
                    if (!account.isEnabled()) {
                        continue;
                    }
                    String by = null;
                    String reason = null;
                    if (account.getExpiresAt() <= now) {
                        by = ServiceAccountService.BY_EXPIRY;
                        reason = "Reached its end at " + Json.isoTime(account.getExpiresAt()) + ".";
                    } else {
                        Policy.Tier tier = PartnerDirectory.byId(s, realm, account.getPartnerId())
                                .flatMap(p -> policy.flatMap(sp -> sp.policy().tier(p.tier()))).orElse(null);
                        if (AccessLimits.secretTooOld(tier, account.getSecretRotatedAt(), now)) {
                            by = ServiceAccountService.BY_SECRET_AGE;
                            reason = "Its secret is older than " + tier.secretMaxDays() + " days (last rotated "
                                    + Json.isoTime(account.getSecretRotatedAt()) + ").";
                        }
                    }
                    if (by != null) {
                        int before = grants.revokedCount();
                        accounts.expire(account, by, reason, grants);
                        totals[0]++;
                        totals[1] += grants.revokedCount() - before;
                    }
                }
            });
            if (found[0] < batchSize) {
                break;
            }
        }
        return totals;
    }

    private int timeOutBatch(String realmId, long now) {
        AtomicInteger done = new AtomicInteger();
        inRealm(realmId, (s, realm) -> {
            Optional<StoredPolicy> policy = access(s).policies().current(realm);
            if (policy.isEmpty()) {
                return;
            }
            long createdBefore = now - policy.get().policy().requestTimeoutDays() * DAY;
            RequestStore store = access(s).requestStore(realm);
            List<String> due = store.timeOutCandidates(createdBefore, batchSize);
            RequestService requests = requests(s, realm);
            for (RequestModel request : store.lockAll(due)) {
                if (RequestService.PENDING.equals(request.getStatus()) && request.getCreatedAt() <= createdBefore) {
                    requests.timeOut(request, policy.get().policy().requestTimeoutDays());
                    done.incrementAndGet();
                }
            }
        });
        return done.get();
    }

    /**
     * Notices, the nearest threshold first: a grant found within {@code d} days of its end gets one notice, and every
     * threshold of at least {@code d} days is marked as sent with it (a one-day grant is not told it has 14 days left).
     */
    private int noticeBatch(String realmId, long now) {
        AtomicInteger done = new AtomicInteger();
        inRealm(realmId, (s, realm) -> {
            Optional<StoredPolicy> policy = access(s).policies().current(realm);
            if (policy.isEmpty() || policy.get().policy().expiryNoticeDays().isEmpty()) {
                return;
            }
            TreeSet<Integer> thresholds = new TreeSet<>(policy.get().policy().expiryNoticeDays());
            ExpiryNotifier notifier = new ExpiryNotifier(s, realm, access(s).ledger());
            NoticeStore notices = access(s).notices();
            for (int days : thresholds) {
                if (done.get() >= batchSize) {
                    break;
                }
                NoticeStore.NotNoticed notNoticed = new NoticeStore.NotNoticed(NoticeSubjectType.GRANT, NoticeKind.EXPIRY, days);
                List<GrantModel> due = access(s).grantStore(realm).dueForNotice(now, now + days * DAY, notNoticed,
                        batchSize - done.get());
                if (due.isEmpty()) {
                    continue;
                }
                NoticeStore.Sent sent = notices.sent(NoticeSubjectType.GRANT, due.stream().map(GrantModel::getId).toList());
                for (GrantModel grant : due) {
                    notices.record(realmId, grant.getId(), NoticeKind.EXPIRY, thresholds.tailSet(days, true), now, sent);
                    notifier.notice(grant, days, now);
                    done.incrementAndGet();
                }
            }
        });
        return done.get();
    }

    /**
     * Tells a service account's owner, at each of the policy's {@code expiryNoticeDays}, that the account ends soon
     * or that its secret must be rotated soon (the tier's {@code secretMaxDays}); once per account, kind and
     * threshold (kinds {@code EXPIRY} and {@code SECRET_AGE}); rotation and renewal clear the notices of their kind, so
     * the next deadline is announced again. At most one batch of notices per run; the next run continues. Secret-age
     * candidates are read page by page by id (at most {@code maxBatches} pages per threshold), so those their own tier
     * does not make due yet never keep the due ones behind them from being reached.
     */
    private int serviceAccountNotices(String realmId, long now, int maxBatches) {
        AtomicInteger done = new AtomicInteger();
        inRealm(realmId, (s, realm) -> {
            Optional<StoredPolicy> policy = access(s).policies().current(realm);
            if (policy.isEmpty() || policy.get().policy().expiryNoticeDays().isEmpty()) {
                return;
            }
            TreeSet<Integer> thresholds = new TreeSet<>(policy.get().policy().expiryNoticeDays());
            ExpiryNotifier notifier = new ExpiryNotifier(s, realm, access(s).ledger());
            NoticeStore notices = access(s).notices();
            ServiceAccountStore accounts = access(s).serviceAccountStore(realm);
            for (int days : thresholds) {
                List<ServiceAccountModel> ending = accounts.endingWithoutNotice(now, now + days * DAY,
                        new NoticeStore.NotNoticed(NoticeSubjectType.SERVICE_ACCOUNT, NoticeKind.EXPIRY, days), batchSize);
                NoticeStore.Sent sent = notices.sent(NoticeSubjectType.SERVICE_ACCOUNT,
                        ending.stream().map(ServiceAccountModel::getId).toList());
                for (ServiceAccountModel account : ending) {
                    if (done.get() >= batchSize) {
                        return;
                    }
                    notices.record(realmId, account.getId(), NoticeKind.EXPIRY, thresholds.tailSet(days, true), now, sent);
                    notifier.serviceAccountNotice(account, false, account.getExpiresAt(), days, now);
                    done.incrementAndGet();
                }
                // Candidates whose secret would be too old within the threshold under the strictest tier; their own
                // tier decides.
                long candidatesUpTo = AccessLimits.secretCandidatesUpTo(policy.get().policy(), now + days * DAY);
                if (candidatesUpTo == Long.MIN_VALUE) {
                    continue;
                }
                // Candidates of a more lenient tier are not due yet and stay candidates: page past them by id, so
                // that more than a batch of them never hides the due ones behind them.
                NoticeStore.NotNoticed notNoticed = new NoticeStore.NotNoticed(NoticeSubjectType.SERVICE_ACCOUNT,
                        NoticeKind.SECRET_AGE, days);
                CandidatePages.forEach(batchSize, maxBatches, () -> done.get() < batchSize,
                        after -> accounts.agingWithoutNotice(candidatesUpTo, notNoticed, after, batchSize),
                        ServiceAccountModel::getId, aging -> {
                    NoticeStore.Sent secretSent = notices.sent(NoticeSubjectType.SERVICE_ACCOUNT,
                            aging.stream().map(ServiceAccountModel::getId).toList());
                    for (ServiceAccountModel account : aging) {
                        java.util.OptionalLong due = PartnerDirectory.byId(s, realm, account.getPartnerId())
                                .flatMap(p -> policy.get().policy().tier(p.tier()))
                                .map(tier -> AccessLimits.secretDeadline(tier, account.getSecretRotatedAt()))
                                .orElse(java.util.OptionalLong.empty());
                        if (due.isEmpty() || due.getAsLong() <= now || due.getAsLong() > now + days * DAY || done.get() >= batchSize) {
                            continue;
                        }
                        long deadline = due.getAsLong();
                        notices.record(realmId, account.getId(), NoticeKind.SECRET_AGE, thresholds.tailSet(days, true), now,
                                secretSent);
                        notifier.serviceAccountNotice(account, true, deadline, days, now);
                        done.incrementAndGet();
                    }
                });
            }
        });
        return done.get();
    }

    private interface RealmWork {
        void run(KeycloakSession session, RealmModel realm);
    }

    private void inRealm(String realmId, RealmWork work) {
        KeycloakModelUtils.runJobInTransaction(factory, s -> {
            RealmModel realm = s.realms().getRealm(realmId);
            if (realm == null) {
                return;
            }
            s.getContext().setRealm(realm);
            work.run(s, realm);
        });
    }

    private static PartnerAccessProvider access(KeycloakSession session) {
        return session.getProvider(PartnerAccessProvider.class);
    }

    private static GrantService grants(KeycloakSession session, RealmModel realm) {
        return access(session).grants(realm);
    }

    private static RequestService requests(KeycloakSession session, RealmModel realm) {
        return access(session).requests(realm);
    }
}
