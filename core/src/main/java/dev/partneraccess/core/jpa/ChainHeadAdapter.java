package dev.partneraccess.core.jpa;

import dev.partneraccess.core.evidence.ChainHead;

/** A locked {@link EvidenceHeadEntity} as the ledger sees it. */
final class ChainHeadAdapter implements ChainHead {

    private final EvidenceHeadEntity entity;

    ChainHeadAdapter(EvidenceHeadEntity entity) {
        this.entity = entity;
    }

    EvidenceHeadEntity entity() {
        return entity;
    }

    @Override
    public long getLastSeq() {
        return entity.getLastSeq();
    }

    @Override
    public String getLastHash() {
        return entity.getLastHash();
    }
}
