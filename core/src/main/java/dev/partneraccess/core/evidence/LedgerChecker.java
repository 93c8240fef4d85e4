package dev.partneraccess.core.evidence;

import org.keycloak.common.util.Time;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;

import dev.partneraccess.core.jpa.LedgerCheckEntity;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

/**
 * Keeps a realm's "ledger still verifies" fresh without re-reading the whole chain each time: the sweep checks only
 * the records appended since the last check, starting from the last verified record, which must still be there,
 * still hash to what it stores and still be the hash verified then. A full {@code GET /evidence/verify} re-reads
 * everything and records its result here too. Edits to records verified earlier than the last one are found by a
 * full verify, not by the incremental check.
 */
public final class LedgerChecker {

    private final KeycloakSession session;
    private final EvidenceLedger ledger;

    public LedgerChecker(KeycloakSession session, EvidenceLedger ledger) {
        this.session = session;
        this.ledger = ledger;
    }

    private EntityManager em() {
        return session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }

    /** Checks what was appended since the last check and records the outcome. */
    public VerifyResult checkNew(String realmId) {
        LedgerCheckEntity state = em().find(LedgerCheckEntity.class, realmId, LockModeType.PESSIMISTIC_WRITE);
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
    private boolean anchorHolds(String realmId, LedgerCheckEntity state) {
        EvidenceRecord anchor = ledger.recordAt(realmId, state.getVerifiedSeq());
        return anchor != null && anchor.hash().equals(state.getVerifiedHash())
                && anchor.recompute(anchor.prevHash()).equals(anchor.hash());
    }

    /** Records the result of a full verification that read the chain up to {@code head}. */
    public void recordFull(String realmId, VerifyResult result, EvidenceLedger.Head head) {
        save(em().find(LedgerCheckEntity.class, realmId, LockModeType.PESSIMISTIC_WRITE), realmId, result, head);
    }

    public LedgerCheckEntity last(String realmId) {
        return em().find(LedgerCheckEntity.class, realmId);
    }

    private void save(LedgerCheckEntity state, String realmId, VerifyResult result, EvidenceLedger.Head head) {
        boolean created = state == null;
        if (created) {
            state = new LedgerCheckEntity();
            state.setRealmId(realmId);
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
            em().persist(state);
        }
    }
}
