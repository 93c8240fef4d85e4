package dev.partneraccess.core.access;

/** One step of the sweep of a realm: runs its bounded batches, each in its own transaction, and answers its counts. */
interface SweepStep {

    SweepCounts run(SweepRun run);
}
