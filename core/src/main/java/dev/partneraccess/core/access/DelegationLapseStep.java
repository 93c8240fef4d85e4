package dev.partneraccess.core.access;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Delegations past their date are removed and {@code APPROVAL_DELEGATION_ENDED} is recorded with the reason
 * {@code expired}. They stopped working at their date already (the decisions read the server's clock); this step only
 * closes the record. A row removed once is gone, so a re-run records nothing twice.
 */
final class DelegationLapseStep implements SweepStep {

    @Override
    public SweepCounts run(SweepRun run) {
        run.loop(() -> {
            AtomicInteger found = new AtomicInteger();
            run.inRealm((s, realm) -> {
                var access = SweepRun.access(s);
                var lapsed = access.delegationStore(realm).lapsed(run.now(), run.batchSize());
                found.set(lapsed.size());
                if (lapsed.isEmpty()) {
                    return;
                }
                // The evidence lock first, as every writer of delegations takes it; each row is re-read under it.
                access.ledger().lock(realm.getId());
                for (Delegation delegation : lapsed) {
                    access.delegations(realm).lapse(delegation.fromUserId(), run.now());
                }
            });
            return found.get();
        });
        return SweepCounts.NONE;
    }
}
