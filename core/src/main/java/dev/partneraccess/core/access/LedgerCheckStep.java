package dev.partneraccess.core.access;

/** The incremental check of the evidence ledger: the records written since the last check, in one transaction. */
final class LedgerCheckStep implements SweepStep {

    @Override
    public SweepCounts run(SweepRun run) {
        run.inRealm((s, realm) -> SweepRun.access(s).ledgerChecks().checkNew(run.realmId()));
        return SweepCounts.NONE;
    }
}
