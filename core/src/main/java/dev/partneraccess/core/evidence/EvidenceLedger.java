package dev.partneraccess.core.evidence;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.utils.KeycloakModelUtils;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.partneraccess.core.jpa.EvidenceEntity;
import dev.partneraccess.core.jpa.EvidenceHeadEntity;
import dev.partneraccess.core.support.Actor;
import dev.partneraccess.core.support.Json;
import dev.partneraccess.core.support.Paging;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.TypedQuery;

/**
 * The append-only, hash-chained evidence ledger, one chain per realm. An append runs in the caller's transaction, so
 * a change and its record commit or roll back together, and it locks the realm's chain head row, so appends from any
 * node are serialised and the chain never forks.
 */
public final class EvidenceLedger {

    private static final Logger LOG = Logger.getLogger(EvidenceLedger.class);
    static final int BATCH = 1000;
    private static final String HELD_HEAD = "partner-access.evidence.head.";
    private final KeycloakSession session;

    public EvidenceLedger(KeycloakSession session) {
        this.session = session;
    }

    private EntityManager em() {
        return session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }

    /** Takes the realm's chain lock for the rest of the transaction (also used to serialise versioned writes). */
    public void lock(String realmId) {
        lockedHead(realmId);
    }

    public EvidenceRecord append(String realmId, EvidenceType type, Actor actor, String subject, String partnerId,
                                 ObjectNode details) {
        ObjectNode body = details == null ? Json.object() : details.deepCopy();
        if (!actor.isSystem()) {
            body.put("actorUsername", actor.username());
        }
        String recordedActor = actor.recorded();
        EvidenceHeadEntity head = heldHead(realmId);
        if (head == null) {
            // Send the change's own writes before taking the chain lock, so the lock is held only for the append and
            // the commit: concurrent decisions queue on the head row for as short a time as possible.
            em().flush();
            head = lockedHead(realmId);
        }
        long seq = head.getLastSeq() + 1;
        long time = Time.currentTimeMillis();
        String canonicalDetails = CanonicalJson.write(body);
        String hash = EvidenceRecord.hash(head.getLastHash(),
                EvidenceRecord.canonical(seq, time, type.name(), recordedActor, subject, partnerId, canonicalDetails));

        EvidenceEntity entity = new EvidenceEntity();
        entity.setId(UUID.randomUUID().toString());
        entity.setRealmId(realmId);
        entity.setSeq(seq);
        entity.setTime(time);
        entity.setType(type.name());
        entity.setActor(recordedActor);
        entity.setSubject(subject);
        entity.setPartner(partnerId);
        entity.setDetails(canonicalDetails);
        entity.setPrevHash(head.getLastHash());
        entity.setHash(hash);
        em().persist(entity);

        head.setLastSeq(seq);
        head.setLastHash(hash);
        LOG.debugf("evidence %s #%d in realm %s", type, seq, realmId);
        return new EvidenceRecord(seq, time, type.name(), recordedActor, subject, partnerId, canonicalDetails,
                entity.getPrevHash(), hash);
    }

    /**
     * The head this session's transaction already holds locked, if any: a batch appending many records takes the lock
     * once and then needs neither another flush nor another read per record.
     */
    private EvidenceHeadEntity heldHead(String realmId) {
        Object held = session.getAttribute(HELD_HEAD + realmId);
        try {
            return held instanceof EvidenceHeadEntity head && em().contains(head) ? head : null;
        } catch (IllegalStateException closed) {
            return null;
        }
    }

    private EvidenceHeadEntity lockedHead(String realmId) {
        EvidenceHeadEntity held = heldHead(realmId);
        if (held != null) {
            return held;
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
        return head;
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
     * Walks the realm's records in sequence order, one bounded batch at a time, as plain values that the persistence
     * context does not keep: memory stays flat whatever the ledger's size.
     */
    public void forEach(String realmId, Long fromMillis, Long toMillis, Consumer<EvidenceRecord> consumer) {
        forEach(realmId, fromMillis, toMillis, 0L, null, consumer);
    }

    private void forEach(String realmId, Long fromMillis, Long toMillis, long afterSeq, Long maxSeq, Consumer<EvidenceRecord> consumer) {
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

    /**
     * Recomputes the chain up to the head row as it stood when verification began, so that appends committed while
     * it reads are neither a false break nor read. The head anchors the end: a deleted tail is caught as the first
     * missing record, and records without any head row at all are not trusted.
     */
    public VerifyResult verify(String realmId) {
        EvidenceHeadEntity head = em().find(EvidenceHeadEntity.class, realmId);
        if (head == null) {
            boolean orphans = !em().createQuery("select e.seq from PaEvidence e where e.realmId = :realmId", Long.class)
                    .setParameter("realmId", realmId).setMaxResults(1).getResultList().isEmpty();
            return orphans ? new VerifyResult(false, 0, 1L) : new VerifyResult(true, 0, null);
        }
        long headSeq = head.getLastSeq();
        String headHash = head.getLastHash();
        ChainCheck check = new ChainCheck();
        forEach(realmId, null, null, 0L, headSeq, check);
        return check.finish(headSeq, headHash);
    }

    /** Where a realm's chain ends: the last sequence number and its hash ({@code 0} and genesis when empty). */
    public record Head(long seq, String hash) {
    }

    public Head head(String realmId) {
        EvidenceHeadEntity head = em().find(EvidenceHeadEntity.class, realmId);
        return head == null ? new Head(0, EvidenceRecord.GENESIS) : new Head(head.getLastSeq(), head.getLastHash());
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
        EvidenceHeadEntity head = em().find(EvidenceHeadEntity.class, realmId);
        return head == null ? 0 : head.getLastSeq();
    }

    /** Record {@code seq} of the realm's chain, or null when there is no such record. */
    public EvidenceRecord recordAt(String realmId, long seq) {
        List<EvidenceRecord> found = new java.util.ArrayList<>();
        forEach(realmId, null, null, seq - 1, seq, found::add);
        return found.isEmpty() ? null : found.get(0);
    }

    private static EvidenceRecord toRecord(Object[] row) {
        return new EvidenceRecord(((Number) row[0]).longValue(), ((Number) row[1]).longValue(), (String) row[2],
                (String) row[3], (String) row[4], (String) row[5], (String) row[6], (String) row[7], (String) row[8]);
    }
}
