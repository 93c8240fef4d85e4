package dev.partneraccess.core.access;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.partneraccess.core.jpa.RequestStore;
import dev.partneraccess.core.policy.StoredPolicy;

/** Pending requests older than the policy's {@code requestTimeoutDays} become TIMED_OUT, re-checked under their row lock. */
final class RequestTimeoutStep implements SweepStep {

    private static final long DAY = TimeUnit.DAYS.toMillis(1);

    @Override
    public SweepCounts run(SweepRun run) {
        return SweepCounts.timedOut(run.loop(() -> timeOutBatch(run)));
    }

    private static int timeOutBatch(SweepRun run) {
        AtomicInteger done = new AtomicInteger();
        run.inRealm((s, realm) -> {
            Optional<StoredPolicy> policy = SweepRun.access(s).policies().current(realm);
            if (policy.isEmpty()) {
                return;
            }
            long createdBefore = run.now() - policy.get().policy().requestTimeoutDays() * DAY;
            RequestStore store = SweepRun.access(s).requestStore(realm);
            List<String> due = store.timeOutCandidates(createdBefore, run.batchSize());
            RequestService requests = SweepRun.access(s).requests(realm);
            for (RequestModel request : store.lockAll(due)) {
                if (RequestService.PENDING.equals(request.getStatus()) && request.getCreatedAt() <= createdBefore) {
                    requests.timeOut(request, policy.get().policy().requestTimeoutDays());
                    done.incrementAndGet();
                }
            }
        });
        return done.get();
    }
}
