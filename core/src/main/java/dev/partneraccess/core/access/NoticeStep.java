package dev.partneraccess.core.access;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.partneraccess.core.jpa.NoticeKind;
import dev.partneraccess.core.jpa.NoticeStore;
import dev.partneraccess.core.jpa.NoticeSubjectType;
import dev.partneraccess.core.jpa.ServiceAccountStore;
import dev.partneraccess.core.partner.PartnerDirectory;
import dev.partneraccess.core.policy.AccessLimits;
import dev.partneraccess.core.policy.StoredPolicy;

/**
 * Expiry notices at the policy's {@code expiryNoticeDays}: first those of grants (in batches until a batch is not
 * full), then those of service accounts (their end and their secret's age, at most one batch per run).
 */
final class NoticeStep implements SweepStep {

    private static final long DAY = TimeUnit.DAYS.toMillis(1);

    @Override
    public SweepCounts run(SweepRun run) {
        int notices = run.loop(() -> noticeBatch(run));
        notices += serviceAccountNotices(run);
        return SweepCounts.notices(notices);
    }

    /**
     * Notices, the nearest threshold first: a grant found within {@code d} days of its end gets one notice, and every
     * threshold of at least {@code d} days is marked as sent with it (a one-day grant is not told it has 14 days left).
     */
    private static int noticeBatch(SweepRun run) {
        String realmId = run.realmId();
        long now = run.now();
        int batchSize = run.batchSize();
        AtomicInteger done = new AtomicInteger();
        run.inRealm((s, realm) -> {
            Optional<StoredPolicy> policy = SweepRun.access(s).policies().current(realm);
            if (policy.isEmpty() || policy.get().policy().expiryNoticeDays().isEmpty()) {
                return;
            }
            TreeSet<Integer> thresholds = new TreeSet<>(policy.get().policy().expiryNoticeDays());
            ExpiryNotifier notifier = new ExpiryNotifier(s, realm, SweepRun.access(s).ledger());
            NoticeStore notices = SweepRun.access(s).notices();
            for (int days : thresholds) {
                if (done.get() >= batchSize) {
                    break;
                }
                NoticeStore.NotNoticed notNoticed = new NoticeStore.NotNoticed(NoticeSubjectType.GRANT, NoticeKind.EXPIRY, days);
                List<GrantModel> due = SweepRun.access(s).grantStore(realm).dueForNotice(now, now + days * DAY, notNoticed,
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
    private static int serviceAccountNotices(SweepRun run) {
        String realmId = run.realmId();
        long now = run.now();
        int batchSize = run.batchSize();
        int maxBatches = run.maxBatches();
        AtomicInteger done = new AtomicInteger();
        run.inRealm((s, realm) -> {
            Optional<StoredPolicy> policy = SweepRun.access(s).policies().current(realm);
            if (policy.isEmpty() || policy.get().policy().expiryNoticeDays().isEmpty()) {
                return;
            }
            TreeSet<Integer> thresholds = new TreeSet<>(policy.get().policy().expiryNoticeDays());
            ExpiryNotifier notifier = new ExpiryNotifier(s, realm, SweepRun.access(s).ledger());
            NoticeStore notices = SweepRun.access(s).notices();
            ServiceAccountStore accounts = SweepRun.access(s).serviceAccountStore(realm);
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
                        OptionalLong due = PartnerDirectory.byId(s, realm, account.getPartnerId())
                                .flatMap(p -> policy.get().policy().tier(p.tier()))
                                .map(tier -> AccessLimits.secretDeadline(tier, account.getSecretRotatedAt()))
                                .orElse(OptionalLong.empty());
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
}
