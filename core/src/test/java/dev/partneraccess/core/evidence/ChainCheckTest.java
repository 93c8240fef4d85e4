package dev.partneraccess.core.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ChainCheckTest {

    private static final long START = 1_764_150_000_000L;

    @Test
    @DisplayName("Given an intact chain of five records and a matching head, then it is valid with five records")
    void intactChainIsValid() {
        List<EvidenceRecord> chain = chain(5);

        assertThat(verify(chain, 5, last(chain).hash())).isEqualTo(new VerifyResult(true, 5, null));
    }

    @Test
    @DisplayName("Given an empty ledger whose head is at zero, then it is valid with no records")
    void emptyLedgerIsValid() {
        assertThat(verify(List.of(), 0, EvidenceRecord.GENESIS)).isEqualTo(new VerifyResult(true, 0, null));
    }

    @Test
    @DisplayName("Given a record whose details were edited, then the chain breaks at that record and the rest are still counted")
    void editedDetailsBreakAtThatRecord() {
        List<EvidenceRecord> chain = chain(5);
        EvidenceRecord third = chain.get(2);
        chain.set(2, new EvidenceRecord(third.seq(), third.time(), third.type(), third.actor(), third.subject(),
                third.partner(), "{\"n\":333}", third.prevHash(), third.hash()));

        assertThat(verify(chain, 5, last(chain).hash())).isEqualTo(new VerifyResult(false, 5, 3L));
    }

    @Test
    @DisplayName("Given a record edited and re-hashed by hand, then the chain breaks at the next record, whose link no longer fits")
    void rehashedRecordBreaksTheNextLink() {
        List<EvidenceRecord> chain = chain(5);
        EvidenceRecord second = chain.get(1);
        chain.set(1, sealed(second.seq(), second.time(), "{\"n\":222}", second.prevHash()));

        assertThat(verify(chain, 5, last(chain).hash())).isEqualTo(new VerifyResult(false, 5, 3L));
    }

    @Test
    @DisplayName("Given a middle record deleted, then the chain breaks at the missing sequence number")
    void deletedMiddleRecordBreaksAtItsSeq() {
        List<EvidenceRecord> chain = chain(5);
        String headHash = last(chain).hash();
        chain.remove(2);

        assertThat(verify(chain, 5, headHash)).isEqualTo(new VerifyResult(false, 4, 3L));
    }

    @Test
    @DisplayName("Given the first record deleted, then the chain breaks at seq 1")
    void deletedFirstRecordBreaksAtOne() {
        List<EvidenceRecord> chain = chain(3);
        String headHash = last(chain).hash();
        chain.remove(0);

        assertThat(verify(chain, 3, headHash)).isEqualTo(new VerifyResult(false, 2, 1L));
    }

    @Test
    @DisplayName("Given the last record deleted while the head still says five, then the chain breaks at five")
    void deletedLastRecordBreaksAtHead() {
        List<EvidenceRecord> chain = chain(5);
        String headHash = last(chain).hash();
        chain.remove(4);

        assertThat(verify(chain, 5, headHash)).isEqualTo(new VerifyResult(false, 4, 5L));
    }

    @Test
    @DisplayName("Given the last record rewritten and re-hashed, then the head's hash exposes it at that seq")
    void rewrittenLastRecordBreaksAtHead() {
        List<EvidenceRecord> chain = chain(5);
        String headHash = last(chain).hash();
        EvidenceRecord fifth = chain.get(4);
        chain.set(4, sealed(fifth.seq(), fifth.time(), "{\"n\":555}", fifth.prevHash()));

        assertThat(verify(chain, 5, headHash)).isEqualTo(new VerifyResult(false, 5, 5L));
    }

    @Test
    @DisplayName("Given a record linked to the wrong previous hash (even if its own hash fits), then the chain breaks at it")
    void wrongPrevHashBreaksAtThatRecord() {
        List<EvidenceRecord> chain = chain(5);
        EvidenceRecord fourth = chain.get(3);
        chain.set(3, sealed(fourth.seq(), fourth.time(), "{\"n\":4}", "f".repeat(64)));

        VerifyResult result = verify(chain, 5, last(chain).hash());

        assertThat(result.valid()).isFalse();
        assertThat(result.firstBrokenSeq()).isEqualTo(4L);
    }

    @Test
    @DisplayName("Given only the prevHash column of a record edited, then the chain breaks at that record")
    void editedPrevHashColumnBreaksAtThatRecord() {
        List<EvidenceRecord> chain = chain(5);
        EvidenceRecord fourth = chain.get(3);
        chain.set(3, new EvidenceRecord(fourth.seq(), fourth.time(), fourth.type(), fourth.actor(), fourth.subject(),
                fourth.partner(), fourth.details(), "f".repeat(64), fourth.hash()));

        assertThat(verify(chain, 5, last(chain).hash())).isEqualTo(new VerifyResult(false, 5, 4L));
    }

    @Test
    @DisplayName("Given a head advanced past the last record but keeping that record's hash, then the chain breaks at the head")
    void headAheadOfRecordsBreaksAtFirstMissingSeq() {
        List<EvidenceRecord> chain = chain(4);

        assertThat(verify(chain, 5, last(chain).hash())).isEqualTo(new VerifyResult(false, 4, 5L));
    }

    @Test
    @DisplayName("Given records but a head at zero (head row deleted), then the chain is not valid")
    void recordsBeyondAnEmptyHeadAreNotValid() {
        List<EvidenceRecord> chain = chain(3);

        assertThat(verify(chain, 0, EvidenceRecord.GENESIS).valid()).isFalse();
    }

    @Test
    @DisplayName("Given more records than the head row anchors, then trust ends at the first record past the head")
    void recordsPastTheHeadAreNotTrusted() {
        List<EvidenceRecord> chain = chain(5);

        assertThat(verify(chain, 4, chain.get(3).hash())).isEqualTo(new VerifyResult(false, 5, 5L));
        assertThat(verify(chain, 0, EvidenceRecord.GENESIS).firstBrokenSeq()).isEqualTo(1L);
    }

    @Test
    @DisplayName("Given two broken records, then the first one is reported")
    void firstBreakWins() {
        List<EvidenceRecord> chain = chain(5);
        for (int i : new int[] {1, 3}) {
            EvidenceRecord r = chain.get(i);
            chain.set(i, new EvidenceRecord(r.seq(), r.time(), "GRANT_REVOKED", r.actor(), r.subject(), r.partner(),
                    r.details(), r.prevHash(), r.hash()));
        }

        assertThat(verify(chain, 5, last(chain).hash())).isEqualTo(new VerifyResult(false, 5, 2L));
    }

    private static VerifyResult verify(List<EvidenceRecord> records, long headSeq, String headHash) {
        ChainCheck check = new ChainCheck();
        records.forEach(check);
        return check.finish(headSeq, headHash);
    }

    /** A chain of n records, hashed in the test with an independent SHA-256 over prevHash and the canonical record. */
    private static List<EvidenceRecord> chain(int n) {
        List<EvidenceRecord> records = new ArrayList<>();
        String prev = EvidenceRecord.GENESIS;
        for (int seq = 1; seq <= n; seq++) {
            EvidenceRecord record = sealed(seq, START + seq * 1000L, "{\"n\":" + seq + "}", prev);
            records.add(record);
            prev = record.hash();
        }
        return records;
    }

    private static EvidenceRecord sealed(long seq, long time, String details, String prevHash) {
        String canonical = EvidenceRecord.canonical(seq, time, "PARTNER_UPDATED", "u-1", "p-1", "p-1", details);
        return new EvidenceRecord(seq, time, "PARTNER_UPDATED", "u-1", "p-1", "p-1", details, prevHash,
                EvidenceRecordTest.sha256Hex(prevHash + canonical));
    }

    private static EvidenceRecord last(List<EvidenceRecord> chain) {
        return chain.get(chain.size() - 1);
    }
}
