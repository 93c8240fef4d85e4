package dev.partneraccess.core.access;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Content releases at their end become EXPIRED ({@code CONTENT_EXPIRED}), then released local adaptations whose base
 * is no longer released are withdrawn ({@code CONTENT_WITHDRAWN}): bounded batches, each in its own transaction with
 * the rows locked and re-checked, so a re-run repeats nothing. They count in no figure of the sweep's answer, which
 * is about grants.
 */
final class ContentReleaseStep implements SweepStep {

    @Override
    public SweepCounts run(SweepRun run) {
        run.loop(() -> batch(run, true));
        run.loop(() -> batch(run, false));
        return SweepCounts.NONE;
    }

    private static int batch(SweepRun run, boolean expiry) {
        AtomicInteger found = new AtomicInteger();
        run.inRealm((s, realm) -> {
            var contents = SweepRun.access(s).contents(realm);
            found.set(expiry ? contents.expireDue(run.now(), run.batchSize()) : contents.withdrawOrphans(run.batchSize()));
        });
        return found.get();
    }
}
