package dev.partneraccess.core.evidence;

import java.util.function.Consumer;

/**
 * Checks records fed in sequence order: each must carry the next sequence number, link to the previous record's hash
 * and hash to what it stores. The first failure is remembered; later records are still counted.
 */
final class ChainCheck implements Consumer<EvidenceRecord> {

    private long records;
    private long expectedSeq;
    private String prevHash;
    private Long firstBroken;

    ChainCheck() {
        this(0, EvidenceRecord.GENESIS);
    }

    /** Continues a chain already trusted up to {@code trustedSeq}, whose record hashed to {@code trustedHash}. */
    ChainCheck(long trustedSeq, String trustedHash) {
        this.records = trustedSeq;
        this.expectedSeq = trustedSeq + 1;
        this.prevHash = trustedHash;
    }

    @Override
    public void accept(EvidenceRecord record) {
        records++;
        if (firstBroken == null) {
            if (record.seq() != expectedSeq) {
                firstBroken = Math.min(expectedSeq, record.seq());
            } else if (!record.prevHash().equals(prevHash) || !record.recompute(prevHash).equals(record.hash())) {
                firstBroken = record.seq();
            }
        }
        expectedSeq = record.seq() + 1;
        prevHash = record.hash();
    }

    /**
     * Compares the end of the walked chain with the head row. Records missing at the end (head ahead) break the chain
     * at the first missing one; records beyond the head (head behind, or deleted) are not anchored, so the first of
     * them is where trust ends.
     */
    VerifyResult finish(long headSeq, String headHash) {
        long lastSeq = expectedSeq - 1;
        if (firstBroken == null) {
            if (headSeq > lastSeq) {
                firstBroken = lastSeq + 1;
            } else if (headSeq < lastSeq) {
                firstBroken = headSeq + 1;
            } else if (headSeq > 0 && !headHash.equals(prevHash)) {
                firstBroken = headSeq;
            }
        }
        return new VerifyResult(firstBroken == null, records, firstBroken);
    }
}
