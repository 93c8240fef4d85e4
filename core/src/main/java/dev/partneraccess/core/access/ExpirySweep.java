package dev.partneraccess.core.access;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;

import dev.partneraccess.core.jpa.RealmData;

/**
 * The expiry sweep of one realm: grants past their end become EXPIRED (role mapping removed through the model,
 * {@code GRANT_EXPIRED} written), pending requests older than the policy's {@code requestTimeoutDays} become
 * TIMED_OUT, stages pending past their
 * {@code escalateAfterDays} are escalated, delegations past their date are closed, expiry notices go out at the policy's {@code expiryNoticeDays}, and access reviews are closed at their due
 * date and started from the policy's {@code reviewSchedule}. Work goes in batches of at most
 * {@code batchSize} items, each batch in its own transaction, and every item is re-checked under a row lock, so a crash
 * between batches loses nothing and a re-run neither skips nor repeats. Its cost follows the number of due items:
 * each query reads an index on status and time.
 *
 * <p>The sweep coordinates its steps ({@link #STEPS}, in this order) and adds up what each of them counted.
 */
public final class ExpirySweep {

    private static final Logger LOG = Logger.getLogger(ExpirySweep.class);

    /** The steps of a sweep of one realm, in the order they run. */
    private static final List<SweepStep> STEPS = List.of(
            new GrantExpiryStep(),
            new ServiceAccountExpiryStep(),
            new RequestTimeoutStep(),
            new EscalationStep(),
            new DelegationLapseStep(),
            new NoticeStep(),
            new ReviewStep(),
            new ContentReleaseStep(),
            new LedgerCheckStep(),
            new GrantCountCheckStep(),
            new DefaultAccessStep());

    public record Result(int expired, int revoked, int serviceAccountsDisabled, int timedOut, int notices, long durationMs) {
    }

    private final KeycloakSessionFactory factory;
    private final int batchSize;

    public ExpirySweep(KeycloakSessionFactory factory, int batchSize) {
        this.factory = factory;
        this.batchSize = batchSize;
    }

    /** Sweeps every realm that has a policy. */
    /** Items per batch, the server option {@code --sweep-batch-size}: every batched job of the product takes it. */
    public int batchSize() {
        return batchSize;
    }

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
        SweepRun run = new SweepRun(factory, realmId, Time.currentTimeMillis(), batchSize, maxBatches);
        SweepCounts counts = SweepCounts.NONE;
        for (SweepStep step : STEPS) {
            counts = counts.plus(step.run(run));
        }
        return new Result(counts.expired(), counts.revoked(), counts.serviceAccountsDisabled(), counts.timedOut(),
                counts.notices(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }
}
