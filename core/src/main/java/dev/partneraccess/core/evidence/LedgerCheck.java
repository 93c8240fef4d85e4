package dev.partneraccess.core.evidence;

/** A realm's last ledger check as recorded: how far the chain was verified, when, and whether it held. */
public interface LedgerCheck {

    long getVerifiedSeq();

    String getVerifiedHash();

    long getVerifiedAt();

    boolean isValid();

    Long getFirstBrokenSeq();

    void setVerifiedSeq(long verifiedSeq);

    void setVerifiedHash(String verifiedHash);

    void setVerifiedAt(long verifiedAt);

    void setValid(boolean valid);

    void setFirstBrokenSeq(Long firstBrokenSeq);
}
