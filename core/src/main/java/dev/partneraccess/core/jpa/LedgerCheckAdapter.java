package dev.partneraccess.core.jpa;

import dev.partneraccess.core.evidence.LedgerCheck;

/** A {@link LedgerCheckEntity} as the ledger checker and the report see it. */
final class LedgerCheckAdapter implements LedgerCheck {

    private final LedgerCheckEntity entity;

    LedgerCheckAdapter(LedgerCheckEntity entity) {
        this.entity = entity;
    }

    LedgerCheckEntity entity() {
        return entity;
    }

    @Override
    public long getVerifiedSeq() {
        return entity.getVerifiedSeq();
    }

    @Override
    public String getVerifiedHash() {
        return entity.getVerifiedHash();
    }

    @Override
    public long getVerifiedAt() {
        return entity.getVerifiedAt();
    }

    @Override
    public boolean isValid() {
        return entity.isValid();
    }

    @Override
    public Long getFirstBrokenSeq() {
        return entity.getFirstBrokenSeq();
    }

    @Override
    public void setVerifiedSeq(long verifiedSeq) {
        entity.setVerifiedSeq(verifiedSeq);
    }

    @Override
    public void setVerifiedHash(String verifiedHash) {
        entity.setVerifiedHash(verifiedHash);
    }

    @Override
    public void setVerifiedAt(long verifiedAt) {
        entity.setVerifiedAt(verifiedAt);
    }

    @Override
    public void setValid(boolean valid) {
        entity.setValid(valid);
    }

    @Override
    public void setFirstBrokenSeq(Long firstBrokenSeq) {
        entity.setFirstBrokenSeq(firstBrokenSeq);
    }
}
