package dev.partneraccess.core.access;

import org.jboss.logging.Logger;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import dev.partneraccess.core.evidence.EvidenceLedger;
import dev.partneraccess.core.jpa.GrantCountStore;

/**
 * A realm's count of ACTIVE grants (and of exceptions among them), kept in the database in the same transaction as
 * every grant change, so {@code GET /report} and the gauges read one row instead of counting every ACTIVE grant.
 *
 * <p>A transaction's issues and endings are added up here and written once, in Keycloak's prepare phase just before
 * the commit, after taking the realm's chain lock. Every grant change holds that lock already until its commit,
 * since it appends its evidence, so the one count row per realm adds no point of contention of its own (a row split
 * into shards would still wait on the chain head), and a crash or a rollback loses the change and its count together.
 * The sweep compares the kept counts with the grants at most once an hour and repairs a drift with a warning.
 * Built once per session and realm by the provider.
 */
public final class GrantCounter {

    private static final Logger LOG = Logger.getLogger(GrantCounter.class);

    private final KeycloakSession session;
    private final String realmId;
    private final GrantCountStore store;
    private final EvidenceLedger ledger;
    private GrantTotals pending = GrantTotals.ZERO;
    private boolean enlisted;

    public GrantCounter(KeycloakSession session, RealmModel realm, GrantCountStore store, EvidenceLedger ledger) {
        this.session = session;
        this.realmId = realm.getId();
        this.store = store;
        this.ledger = ledger;
    }

    /** A grant was issued in this transaction. */
    void issued(boolean exception) {
        change(GrantTotals.one(exception));
    }

    /** An ACTIVE grant ended (expired or revoked) in this transaction. */
    void ended(boolean exception) {
        change(GrantTotals.ZERO.minus(GrantTotals.one(exception)));
    }

    private void change(GrantTotals delta) {
        pending = pending.plus(delta);
        if (enlisted) {
            return;
        }
        enlisted = true;
        session.getTransactionManager().enlistPrepare(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                write();
            }

            @Override
            protected void rollbackImpl() {
                pending = GrantTotals.ZERO;
                enlisted = false;
            }
        });
    }

    private void write() {
        GrantTotals delta = pending;
        pending = GrantTotals.ZERO;
        enlisted = false;
        if (delta.isZero()) {
            return;
        }
        // Held already by every grant change (its evidence); taken here too so the row is only ever written under it.
        ledger.lock(realmId);
        if (store.kept(realmId) == null) {
            // The realm's first change since the counts exist: its row is created from the committed grants first, in
            // a transaction of its own. Before any update looks for the row: on MariaDB an update that finds none
            // holds a gap lock until this transaction ends, and the creating transaction would wait on it.
            store.createCounted(realmId);
        }
        if (!store.add(realmId, delta)) {
            LOG.warnf("grant counts of realm %s could not be created; the sweep's check will count them", realmId);
        }
    }

    /** The realm's ACTIVE grants and exceptions: the kept counts, or counted when the realm has none yet. */
    public GrantTotals totals() {
        GrantCountStore.Kept kept = store.kept(realmId);
        return kept != null ? kept.totals() : store.counted(realmId);
    }

    /**
     * The sweep's check, at most once an hour ({@link GrantCountCheck}): compares the kept counts with the grants in
     * one statement and, when they differ, again under the realm's chain lock (no grant change can commit meanwhile),
     * then sets them to the counted ones. Answers the drift repaired, zero when none.
     */
    GrantTotals check(long now) {
        GrantCountStore.Kept kept = store.kept(realmId);
        if (kept == null) {
            store.createCounted(realmId);
            return GrantTotals.ZERO;
        }
        if (!GrantCountCheck.due(kept.checkedAt(), now)) {
            return GrantTotals.ZERO;
        }
        GrantCountStore.Compared compared = store.compare(realmId);
        if (compared != null && GrantCountCheck.drift(compared.kept(), compared.counted()).isZero()) {
            store.checked(realmId, now);
            return GrantTotals.ZERO;
        }
        ledger.lock(realmId);
        compared = store.compare(realmId);
        if (compared == null) {
            return GrantTotals.ZERO;
        }
        GrantTotals drift = GrantCountCheck.drift(compared.kept(), compared.counted());
        store.set(realmId, compared.counted(), now);
        if (!drift.isZero()) {
            LOG.warnf("grant counts of realm %s were %d active, %d exceptions, but %d and %d are; repaired",
                    realmId, compared.kept().active(), compared.kept().exceptions(), compared.counted().active(),
                    compared.counted().exceptions());
        }
        return drift;
    }
}
