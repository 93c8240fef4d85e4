package dev.partneraccess.core.support;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jboss.logging.Logger;

/**
 * The outcomes of batches run two at a time on one of Keycloak's executors (the expiry sweep's and a review's
 * closing): a batch's failure is its caller's, and no batch is left running when the caller reports.
 */
public final class BatchFutures {

    private static final long AWAIT_MILLIS = TimeUnit.MINUTES.toMillis(10);

    private BatchFutures() {
    }

    /** The batch's result; its failure is thrown as it was (wrapped only when it was not a runtime exception). */
    public static <T> T outcome(Future<T> batch, String what) {
        try {
            return batch.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(what + " interrupted", e);
        }
    }

    /**
     * Waits, at most 10 minutes in all, for every batch given to the executor; their outcomes were taken (or are given
     * up on because an earlier one failed) already.
     */
    public static void awaitQuietly(List<? extends Future<?>> batches, Logger log, String what) {
        long deadline = System.currentTimeMillis() + AWAIT_MILLIS;
        try {
            for (Future<?> batch : batches) {
                try {
                    batch.get(Math.max(0, deadline - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
                } catch (ExecutionException e) {
                    // Reported through outcome(), or given up on because an earlier batch failed.
                } catch (TimeoutException e) {
                    log.warnf("a batch of the %s is still running after 10 minutes", what);
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
