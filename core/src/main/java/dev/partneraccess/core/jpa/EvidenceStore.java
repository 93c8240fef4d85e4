package dev.partneraccess.core.jpa;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import org.jboss.logging.Logger;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.utils.KeycloakModelUtils;

import dev.partneraccess.core.evidence.ChainHead;
import dev.partneraccess.core.evidence.EvidenceFilter;
import dev.partneraccess.core.evidence.EvidenceLedger;
import dev.partneraccess.core.evidence.EvidenceRecord;
import dev.partneraccess.core.support.Paging;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.TypedQuery;

/**
 * The evidence records and chain heads ({@code PA_EVIDENCE}, {@code PA_EVIDENCE_HEAD}): every query, write and lock of
 * them is here. The ledger hashes; this store reads and writes what it hashed.
 */
public final class EvidenceStore {

    private static final Logger LOG = Logger.getLogger(EvidenceStore.class);
    static final int BATCH = 1000;
    private static final String HELD_HEAD = "partner-access.evidence.head.";
    private final KeycloakSession session;

    public EvidenceStore(KeycloakSession session) {
        this.session = session;
    }

    private EntityManager em() {
        return session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }

    /** Sends the transaction's pending writes to the database. */
    public void flush() {
        em().flush();
    }

    /**
     * The head this session's transaction already holds locked, if any: a batch appending many records takes the lock
     * once and then needs neither another flush nor another read per record.
     */
    public ChainHead heldHead(String realmId) {
        EvidenceHeadEntity held = heldEntity(realmId);
        return held == null ? null : new ChainHeadAdapter(held);
    }

    private EvidenceHeadEntity heldEntity(String realmId) {
        Object held = session.getAttribute(HELD_HEAD + realmId);
        try {
            return held instanceof EvidenceHeadEntity head && em().contains(head) ? head : null;
        } catch (IllegalStateException closed) {
            return null;
        }
    }

    /** Takes the realm's chain lock for the rest of the transaction (creating the head first when there is none). */
    public ChainHead lockedHead(String realmId) {
        EvidenceHeadEntity held = heldEntity(realmId);
        if (held != null) {
            return new ChainHeadAdapter(held);
        }
        EntityManager em = em();
        // Look before locking, every time: a locking read of a missing row takes a gap lock on MariaDB/InnoDB, which
        // would block the short transaction that creates the head until the lock wait times out. A head can be missing
        // even where this node saw one before: a realm removed and created again under the same id starts a new chain.
        // The existence check is a plain read that loads no entity, so the locking find below reads the row's latest
        // committed state.
        Long heads = em.createQuery("select count(h) from PaEvidenceHead h where h.realmId = :realmId", Long.class)
                .setParameter("realmId", realmId).getSingleResult();
        if (heads == 0) {
            createHead(realmId);
        }
        EvidenceHeadEntity head = em.find(EvidenceHeadEntity.class, realmId, LockModeType.PESSIMISTIC_WRITE);
        if (head == null) {
            throw new IllegalStateException("evidence chain head for realm " + realmId + " could not be created");
        }
        session.setAttribute(HELD_HEAD + realmId, head);
        return new ChainHeadAdapter(head);
    }

    /**
     * The head row is created once per realm in its own short transaction, so that two first appends racing on two
     * nodes both end up locking the same committed row; the loser of the insert race simply finds it there.
     */
    private void createHead(String realmId) {
        try {
            KeycloakModelUtils.runJobInTransaction(session.getKeycloakSessionFactory(), s -> {
                EntityManager em = s.getProvider(JpaConnectionProvider.class).getEntityManager();
                if (em.find(EvidenceHeadEntity.class, realmId) == null) {
                    EvidenceHeadEntity head = new EvidenceHeadEntity();
                    head.setRealmId(realmId);
                    head.setLastSeq(0);
                    head.setLastHash(EvidenceRecord.GENESIS);
                    em.persist(head);
                }
            });
        } catch (RuntimeException raced) {
            LOG.debugf(raced, "evidence chain head for realm %s was created concurrently", realmId);
        }
    }

    /** Writes the record and moves the locked head to it. */
    public void append(String realmId, ChainHead locked, EvidenceRecord record) {
        EvidenceEntity entity = new EvidenceEntity();
        entity.setId(UUID.randomUUID().toString());
        entity.setRealmId(realmId);
        entity.setSeq(record.seq());
        entity.setTime(record.time());
        entity.setType(record.type());
        entity.setActor(record.actor());
        entity.setSubject(record.subject());
        entity.setPartner(record.partner());
        entity.setDetails(record.details());
        entity.setPrevHash(record.prevHash());
        entity.setHash(record.hash());
        em().persist(entity);

        EvidenceHeadEntity head = ((ChainHeadAdapter) locked).entity();
        head.setLastSeq(record.seq());
        head.setLastHash(record.hash());
    }

    public List<EvidenceRecord> query(String realmId, EvidenceFilter filter, Paging paging) {
        StringBuilder jpql = new StringBuilder(SELECT).append(" where e.realmId = :realmId");
        if (filter.type() != null) {
            jpql.append(" and e.type = :type");
        }
        if (filter.subject() != null) {
            jpql.append(" and e.subject = :subject");
        }
        if (filter.partner() != null) {
            jpql.append(" and e.partner = :partner");
        }
        if (filter.fromMillis() != null) {
            jpql.append(" and e.time >= :from");
        }
        if (filter.toMillis() != null) {
            jpql.append(" and e.time <= :to");
        }
        jpql.append(" order by e.seq");
        TypedQuery<Object[]> query = em().createQuery(jpql.toString(), Object[].class).setParameter("realmId", realmId);
        if (filter.type() != null) {
            query.setParameter("type", filter.type());
        }
        if (filter.subject() != null) {
            query.setParameter("subject", filter.subject());
        }
        if (filter.partner() != null) {
            query.setParameter("partner", filter.partner());
        }
        if (filter.fromMillis() != null) {
            query.setParameter("from", filter.fromMillis());
        }
        if (filter.toMillis() != null) {
            query.setParameter("to", filter.toMillis());
        }
        List<EvidenceRecord> records = new ArrayList<>();
        for (Object[] row : query.setFirstResult(paging.first()).setMaxResults(paging.max()).getResultList()) {
            records.add(toRecord(row));
        }
        return records;
    }

    private static final String SELECT = "select e.seq, e.time, e.type, e.actor, e.subject, e.partner, e.details,"
            + " e.prevHash, e.hash from PaEvidence e";

    /**
     * Walks the realm's records after {@code afterSeq} (up to {@code maxSeq} when given) in sequence order, one bounded
     * batch at a time, as plain values that the persistence context does not keep: memory stays flat whatever the
     * ledger's size.
     */
    public void forEach(String realmId, Long fromMillis, Long toMillis, long afterSeq, Long maxSeq, Consumer<EvidenceRecord> consumer) {
        String jpql = SELECT + " where e.realmId = :realmId and e.seq > :after"
                + (maxSeq != null ? " and e.seq <= :maxSeq" : "")
                + (fromMillis != null ? " and e.time >= :from" : "")
                + (toMillis != null ? " and e.time <= :to" : "")
                + " order by e.seq";
        long after = afterSeq;
        while (true) {
            TypedQuery<Object[]> query = em().createQuery(jpql, Object[].class)
                    .setParameter("realmId", realmId)
                    .setParameter("after", after)
                    .setMaxResults(BATCH);
            if (fromMillis != null) {
                query.setParameter("from", fromMillis);
            }
            if (toMillis != null) {
                query.setParameter("to", toMillis);
            }
            if (maxSeq != null) {
                query.setParameter("maxSeq", maxSeq);
            }
            List<Object[]> rows = query.getResultList();
            for (Object[] row : rows) {
                EvidenceRecord record = toRecord(row);
                consumer.accept(record);
                after = record.seq();
            }
            if (rows.size() < BATCH) {
                return;
            }
        }
    }

    /** The realm's head row as it stands (not locked), or null when the realm has none. */
    public EvidenceLedger.Head head(String realmId) {
        EvidenceHeadEntity head = em().find(EvidenceHeadEntity.class, realmId);
        return head == null ? null : new EvidenceLedger.Head(head.getLastSeq(), head.getLastHash());
    }

    /** Whether the realm has any record at all. */
    public boolean hasRecords(String realmId) {
        return !em().createQuery("select e.seq from PaEvidence e where e.realmId = :realmId", Long.class)
                .setParameter("realmId", realmId).setMaxResults(1).getResultList().isEmpty();
    }

    private static EvidenceRecord toRecord(Object[] row) {
        return new EvidenceRecord(((Number) row[0]).longValue(), ((Number) row[1]).longValue(), (String) row[2],
                (String) row[3], (String) row[4], (String) row[5], (String) row[6], (String) row[7], (String) row[8]);
    }
}
