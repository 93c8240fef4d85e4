package dev.partneraccess.core.evidence;

import java.util.List;
import java.util.function.Consumer;

import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.partneraccess.core.jpa.EvidenceStore;
import dev.partneraccess.core.support.Actor;
import dev.partneraccess.core.support.Json;
import dev.partneraccess.core.support.Paging;

/**
 * The append-only, hash-chained evidence ledger, one chain per realm. An append runs in the caller's transaction, so
 * a change and its record commit or roll back together, and it locks the realm's chain head row, so appends from any
 * node are serialised and the chain never forks.
 */
public final class EvidenceLedger {

    private static final Logger LOG = Logger.getLogger(EvidenceLedger.class);
    private final EvidenceStore store;

    public EvidenceLedger(EvidenceStore store) {
        this.store = store;
    }

    /** Takes the realm's chain lock for the rest of the transaction (also used to serialise versioned writes). */
    public void lock(String realmId) {
        store.lockedHead(realmId);
    }

    public EvidenceRecord append(String realmId, EvidenceType type, Actor actor, String subject, String partnerId,
                                 ObjectNode details) {
        ObjectNode body = details == null ? Json.object() : details.deepCopy();
        if (!actor.isSystem()) {
            body.put("actorUsername", actor.username());
        }
        String recordedActor = actor.recorded();
        ChainHead head = store.heldHead(realmId);
        if (head == null) {
            // Send the change's own writes before taking the chain lock, so the lock is held only for the append and
            // the commit: concurrent decisions queue on the head row for as short a time as possible.
            store.flush();
            head = store.lockedHead(realmId);
        }
        long seq = head.getLastSeq() + 1;
        long time = Time.currentTimeMillis();
        String canonicalDetails = CanonicalJson.write(body);
        String prevHash = head.getLastHash();
        String hash = EvidenceRecord.hash(prevHash,
                EvidenceRecord.canonical(seq, time, type.name(), recordedActor, subject, partnerId, canonicalDetails));
        EvidenceRecord record = new EvidenceRecord(seq, time, type.name(), recordedActor, subject, partnerId,
                canonicalDetails, prevHash, hash);
        store.append(realmId, head, record);
        LOG.debugf("evidence %s #%d in realm %s", type, seq, realmId);
        return record;
    }

    public List<EvidenceRecord> query(String realmId, EvidenceFilter filter, Paging paging) {
        return store.query(realmId, filter, paging);
    }

    /**
     * Walks the realm's records in sequence order, one bounded batch at a time, as plain values that the persistence
     * context does not keep: memory stays flat whatever the ledger's size.
     */
    public void forEach(String realmId, Long fromMillis, Long toMillis, Consumer<EvidenceRecord> consumer) {
        forEach(realmId, fromMillis, toMillis, 0L, null, consumer);
    }

    private void forEach(String realmId, Long fromMillis, Long toMillis, long afterSeq, Long maxSeq, Consumer<EvidenceRecord> consumer) {
        store.forEach(realmId, fromMillis, toMillis, afterSeq, maxSeq, consumer);
    }

    /**
     * Recomputes the chain up to the head row as it stood when verification began, so that appends committed while
     * it reads are neither a false break nor read. The head anchors the end: a deleted tail is caught as the first
     * missing record, and records without any head row at all are not trusted.
     */
    public VerifyResult verify(String realmId) {
        Head head = store.head(realmId);
        if (head == null) {
            boolean orphans = store.hasRecords(realmId);
            return orphans ? new VerifyResult(false, 0, 1L) : new VerifyResult(true, 0, null);
        }
        long headSeq = head.seq();
        String headHash = head.hash();
        ChainCheck check = new ChainCheck();
        forEach(realmId, null, null, 0L, headSeq, check);
        return check.finish(headSeq, headHash);
    }

    /** Where a realm's chain ends: the last sequence number and its hash ({@code 0} and genesis when empty). */
    public record Head(long seq, String hash) {
    }

    public Head head(String realmId) {
        Head head = store.head(realmId);
        return head == null ? new Head(0, EvidenceRecord.GENESIS) : head;
    }

    /**
     * Verifies only the records after {@code fromSeq} up to {@code head}, trusting the chain up to {@code fromSeq}
     * (whose record hashed to {@code fromHash}): the first new record must link to that hash, each must hash to what
     * it stores, and the walk must end at the head. {@code records} in the answer counts the whole chain.
     */
    public VerifyResult verifyBetween(String realmId, long fromSeq, String fromHash, Head head) {
        ChainCheck check = new ChainCheck(fromSeq, fromHash);
        forEach(realmId, null, null, fromSeq, head.seq(), check);
        return check.finish(head.seq(), head.hash());
    }

    /** How many records the realm's chain holds, as its head row says. */
    public long records(String realmId) {
        Head head = store.head(realmId);
        return head == null ? 0 : head.seq();
    }

    /** Record {@code seq} of the realm's chain, or null when there is no such record. */
    public EvidenceRecord recordAt(String realmId, long seq) {
        List<EvidenceRecord> found = new java.util.ArrayList<>();
        forEach(realmId, null, null, seq - 1, seq, found::add);
        return found.isEmpty() ? null : found.get(0);
    }
}
