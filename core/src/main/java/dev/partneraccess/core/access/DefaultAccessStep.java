package dev.partneraccess.core.access;

import dev.partneraccess.core.support.Actor;

/**
 * The default-roles check: a partial import or another path without an event of its own may have put a governed role
 * among the defaults.
 */
final class DefaultAccessStep implements SweepStep {

    @Override
    public SweepCounts run(SweepRun run) {
        run.inRealm((s, realm) -> SweepRun.access(s).policies().current(realm).ifPresent(stored ->
                SweepRun.access(s).defaultAccess(realm).run(stored.policy(), Actor.SYSTEM, "sweep", false)));
        return SweepCounts.NONE;
    }
}
