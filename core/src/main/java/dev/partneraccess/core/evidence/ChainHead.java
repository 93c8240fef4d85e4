package dev.partneraccess.core.evidence;

/** A realm's chain head row, held locked by this transaction: what the next record links to and follows. */
public interface ChainHead {

    long getLastSeq();

    String getLastHash();
}
