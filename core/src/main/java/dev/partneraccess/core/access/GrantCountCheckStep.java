package dev.partneraccess.core.access;

/** The hourly comparison of the realm's kept grant counts with its grants, in one transaction ({@link GrantCounter#check}). */
final class GrantCountCheckStep implements SweepStep {

    @Override
    public SweepCounts run(SweepRun run) {
        run.inRealm((s, realm) -> SweepRun.access(s).grantCounts(realm).check(run.now()));
        return SweepCounts.NONE;
    }
}
