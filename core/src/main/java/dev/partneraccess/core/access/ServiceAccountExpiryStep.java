package dev.partneraccess.core.access;

import java.util.List;
import java.util.Optional;

import dev.partneraccess.core.jpa.ServiceAccountStore;
import dev.partneraccess.core.partner.PartnerDirectory;
import dev.partneraccess.core.policy.AccessLimits;
import dev.partneraccess.core.policy.Policy;
import dev.partneraccess.core.policy.StoredPolicy;
import dev.partneraccess.core.support.Json;

/**
 * Service accounts past their end, or whose secret is older than their partner's tier allows
 * ({@code secretMaxDays}): disabled, their grants revoked. Candidates come in id order from an index on
 * (enabled, end) and (enabled, secret age); the tier decides which of those whose secret is old are due.
 * Counts the accounts disabled and the grants revoked.
 */
final class ServiceAccountExpiryStep implements SweepStep {

    @Override
    public SweepCounts run(SweepRun run) {
        long now = run.now();
        int batchSize = run.batchSize();
        int[] totals = new int[2];
        String[] after = {""};
        for (int i = 0; i < run.maxBatches(); i++) {
            int[] found = {0};
            run.inRealm((s, realm) -> {
                Optional<StoredPolicy> policy = SweepRun.access(s).policies().current(realm);
                long secretBefore = policy.map(p -> AccessLimits.secretCandidatesUpTo(p.policy(), now)).orElse(Long.MIN_VALUE);
                ServiceAccountStore store = SweepRun.access(s).serviceAccountStore(realm);
                List<String> due = store.sweepCandidates(now, secretBefore, after[0], batchSize);
                found[0] = due.size();
                if (due.isEmpty()) {
                    return;
                }
                after[0] = due.get(due.size() - 1);
                GrantService grants = SweepRun.access(s).grants(realm);
                ServiceAccountService accounts = SweepRun.access(s).serviceAccounts(realm);
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
        return SweepCounts.serviceAccounts(totals[0], totals[1]);
    }
}
