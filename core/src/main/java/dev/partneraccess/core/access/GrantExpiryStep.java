package dev.partneraccess.core.access;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.jboss.logging.Logger;
import org.keycloak.executors.ExecutorsProvider;
import org.keycloak.models.utils.KeycloakModelUtils;

import dev.partneraccess.core.jpa.GrantStore;
import dev.partneraccess.core.support.BatchFutures;

/**
 * Grants past their end become EXPIRED (role mapping removed through the model, {@code GRANT_EXPIRED} written), in
 * batches read by (end, id), two batches at a time: while one batch holds the chain lock to record its grants, the
 * next removes its role mappings, which is most of a batch's work and needs no lock but its own grant rows. More than
 * two would only queue on the chain lock. Pages are read ahead by key, so the two batches never take the same grants;
 * a grant that a concurrent run took first is skipped under its row lock. A single batch runs in the caller's thread;
 * more than one run on Keycloak's executor {@value #EXECUTOR}, which belongs to Keycloak and is never shut down here.
 */
final class GrantExpiryStep implements SweepStep {

    static final String EXECUTOR = "partner-access-sweep";

    /** The sweep's own category: what the sweep logs is found under one name. */
    private static final Logger LOG = Logger.getLogger(ExpirySweep.class);

    @Override
    public SweepCounts run(SweepRun run) {
        return SweepCounts.expired(expireGrants(run));
    }

    private int expireGrants(SweepRun run) {
        ExecutorService workers = null;
        List<Future<Integer>> submitted = new ArrayList<>();
        Future<Integer> previous = null;
        int expired = 0;
        Object[] after = {Long.MIN_VALUE, ""};
        try {
            for (int i = 0; i < run.maxBatches(); i++) {
                List<String> page = dueGrants(run, after);
                if (page.isEmpty()) {
                    break;
                }
                boolean last = page.size() < run.batchSize() || i + 1 == run.maxBatches();
                if (previous == null && last) {
                    // A single batch needs no second thread: the common case when a sweep finds a few grants.
                    return expireBatch(run, page);
                }
                if (workers == null) {
                    workers = executor(run);
                }
                Future<Integer> current = workers.submit(() -> expireBatch(run, page));
                submitted.add(current);
                if (previous != null) {
                    expired += BatchFutures.outcome(previous, "expiry sweep");
                }
                previous = current;
                if (last) {
                    break;
                }
            }
            return previous == null ? expired : expired + BatchFutures.outcome(previous, "expiry sweep");
        } finally {
            // Lets a batch still running finish (and commit or roll back) before the run reports.
            BatchFutures.awaitQuietly(submitted, LOG, "expiry sweep");
        }
    }

    private static ExecutorService executor(SweepRun run) {
        return KeycloakModelUtils.runJobInTransactionWithResult(run.factory(),
                s -> s.getProvider(ExecutorsProvider.class).getExecutor(EXECUTOR));
    }

    /** The next page of due grant ids after {@code after} = {end, id}, which it moves to the page's last grant. */
    private static List<String> dueGrants(SweepRun run, Object[] after) {
        List<GrantStore.Due> rows = new ArrayList<>();
        run.inRealm((s, realm) -> rows.addAll(SweepRun.access(s).grantStore(realm)
                .due(run.now(), (Long) after[0], (String) after[1], run.batchSize())));
        if (!rows.isEmpty()) {
            GrantStore.Due lastRow = rows.get(rows.size() - 1);
            after[0] = lastRow.expiresAt();
            after[1] = lastRow.id();
        }
        return rows.stream().map(GrantStore.Due::id).toList();
    }

    private static int expireBatch(SweepRun run, List<String> due) {
        AtomicInteger done = new AtomicInteger();
        run.inRealm((s, realm) -> {
            // Lock the whole batch before the first evidence record takes the chain lock: locks are always taken in
            // the order rows, then chain, so the sweep cannot deadlock with a revocation of the same grant. Only the
            // ids are locked here: the grants are loaded after Keycloak has removed the role mappings, whose removal
            // flushes the persistence context every time.
            GrantStore store = SweepRun.access(s).grantStore(realm);
            List<String> locked = store.lockIds(due);
            // Nothing the batch reads depends on what it has written so far (each grant touches its own user's
            // mapping), so the writes wait for the commit instead of being flushed before every read.
            store.flushAtCommit();
            done.set(SweepRun.access(s).grants(realm).expireAll(locked, run.now()));
        });
        return done.get();
    }
}
