package dev.partneraccess.core.access;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.jboss.logging.Logger;

import dev.partneraccess.core.policy.Policy;
import dev.partneraccess.core.policy.StoredPolicy;

/**
 * Access reviews: closes the OPEN reviews past their due date (and finishes a closing that stopped half way), starts
 * the policy's recurring reviews ({@code reviewSchedule}) once per schedule and period, and reminds reviewers once
 * before a review is due. Each closing batch, each schedule's start and the reminders run in transactions of their
 * own. Its counts are logged here; the sweep's answer keeps its fields.
 */
final class ReviewStep implements SweepStep {

    private static final Logger LOG = Logger.getLogger(ReviewStep.class);

    @Override
    public SweepCounts run(SweepRun run) {
        AtomicInteger closed = new AtomicInteger();
        List<Policy.ReviewSchedule> schedules = new ArrayList<>();
        // Reads the due reviews' ids only; every closing batch locks and writes in a transaction of its own.
        run.inRealm((s, realm) -> {
            closed.set(SweepRun.access(s).reviews(realm).closeDue(run.now(), run.batchSize(), run.maxBatches()));
            SweepRun.access(s).policies().current(realm).map(StoredPolicy::policy)
                    .ifPresent(policy -> schedules.addAll(policy.reviewSchedule()));
        });
        int started = 0;
        for (Policy.ReviewSchedule schedule : schedules) {
            if (start(run, schedule)) {
                started++;
            }
        }
        AtomicInteger reminded = new AtomicInteger();
        run.inRealm((s, realm) -> reminded.set(SweepRun.access(s).reviews(realm).remindDue(run.now(), run.batchSize())));
        if (closed.get() + started + reminded.get() > 0) {
            LOG.infof("partner access sweep of realm %s: %d reviews closed, %d scheduled reviews started, %d reminded",
                    run.realmId(), closed.get(), started, reminded.get());
        }
        return SweepCounts.NONE;
    }

    /**
     * Starts the schedule's review of this period in a transaction of its own. Another node starting the same one at
     * the same time fails that transaction on the unique key; the review it finds then is the one started, and it is
     * no error.
     */
    private static boolean start(SweepRun run, Policy.ReviewSchedule schedule) {
        AtomicBoolean started = new AtomicBoolean();
        try {
            run.inRealm((s, realm) -> started.set(SweepRun.access(s).reviews(realm).startScheduled(schedule, run.now()).isPresent()));
            return started.get();
        } catch (RuntimeException e) {
            AtomicBoolean exists = new AtomicBoolean();
            run.inRealm((s, realm) -> exists.set(SweepRun.access(s).reviews(realm).scheduledStarted(schedule, run.now())));
            if (!exists.get()) {
                LOG.warnf(e, "partner access sweep of realm %s: the scheduled review '%s' could not be started",
                        run.realmId(), schedule.name());
            }
            return false;
        }
    }
}
