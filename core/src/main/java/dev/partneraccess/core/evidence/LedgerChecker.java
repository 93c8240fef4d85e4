package dev.partneraccess.core.evidence;

import org.keycloak.common.util.Time;

import dev.partneraccess.core.jpa.LedgerCheckStore;

/**
 * Keeps a realm's "ledger still verifies" fresh without re-reading the whole chain each time: the sweep checks only
 * the records appended since the last check, starting from the last verified record, which must still be there,
 * still hash to what it stores and still be the hash verified then. A full {@code GET /evidence/verify} re-reads
 * everything and records its result here too. Edits to records verified earlier than the last one are found by a
 * full verify, not by the incremental check.
 */
public final class LedgerChecker {

    private final LedgerCheckStore store;
    private final EvidenceLedger ledger;

    public LedgerChecker(LedgerCheckStore store, EvidenceLedger ledger) {
        this.store = store;
        this.ledger = ledger;
    }

    /** Checks what was appended since the last check and records the outcome. */
    public VerifyResult checkNew(String realmId) {
        LedgerCheck state = store.lock(realmId);
        EvidenceLedger.Head head = ledger.head(realmId);
        VerifyResult result;
        if (state == null) {
            result = ledger.verify(realmId);
        } else if (!state.isValid()) {
            // Once broken, only a full verify can say otherwise (after the damage was repaired).
            result = new VerifyResult(false, head.seq(), state.getFirstBrokenSeq());
        } else if (state.getVerifiedSeq() > 0 && !anchorHolds(realmId, state)) {
            result = new VerifyResult(false, head.seq(), state.getVerifiedSeq());
        } else {
            result = ledger.verifyBetween(realmId, state.getVerifiedSeq(), state.getVerifiedHash(), head);
        }
        save(state, realmId, result, head);
        return result;
    }

    /** The last verified record is still there, still hashes to what it stores, and that is the hash verified then. */
    private boolean anchorHolds(String realmId, LedgerCheck state) {
        EvidenceRecord anchor = ledger.recordAt(realmId, state.getVerifiedSeq());
        return anchor != null && anchor.hash().equals(state.getVerifiedHash())
                && anchor.recompute(anchor.prevHash()).equals(anchor.hash());
    }

    /** Records the result of a full verification that read the chain up to {@code head}. */
    public void recordFull(String realmId, VerifyResult result, EvidenceLedger.Head head) {
        save(store.lock(realmId), realmId, result, head);
    }

    /** The realm's last check, or null when it was never checked. */
    public LedgerCheck last(String realmId) {
        return store.find(realmId);
    }

    private void save(LedgerCheck state, String realmId, VerifyResult result, EvidenceLedger.Head head) {
        boolean created = state == null;
        if (created) {
            state = store.create(realmId);
        }
        if (result.valid()) {
            state.setVerifiedSeq(head.seq());
            state.setVerifiedHash(head.hash());
        } else if (state.getVerifiedHash() == null) {
            state.setVerifiedSeq(0);
            state.setVerifiedHash(EvidenceRecord.GENESIS);
        }
        state.setVerifiedAt(Time.currentTimeMillis());
        state.setValid(result.valid());
        state.setFirstBrokenSeq(result.firstBrokenSeq());
        if (created) {
            store.persist(state);
        }
    }
}
