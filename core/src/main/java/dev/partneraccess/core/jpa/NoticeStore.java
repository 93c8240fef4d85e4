package dev.partneraccess.core.jpa;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

/**
 * The notices sent about grants and service accounts ({@code PA_NOTICE}): every query and write of them is here. A
 * notice is once per subject, kind and threshold; clearing a subject's notices of a kind announces its next deadline
 * afresh.
 */
public final class NoticeStore {

    private final EntityManager em;

    public NoticeStore(EntityManager em) {
        this.em = em;
    }

    /**
     * The condition "no notice of this kind at this threshold yet" for a due-query over the subject's entity: put
     * {@link #jpql(String)} into the query's where clause, then {@link #bind(Query)} its parameters.
     */
    public record NotNoticed(NoticeSubjectType subjectType, NoticeKind kind, int thresholdDays) {

        /** JPQL over the subject's alias (whose {@code id} is the subject's id). */
        public String jpql(String subjectAlias) {
            return "not exists (select n.id from PaNotice n where n.subjectType = :noticeSubjectType"
                    + " and n.subjectId = " + subjectAlias + ".id and n.kind = :noticeKind"
                    + " and n.thresholdDays = :noticeThresholdDays)";
        }

        public <Q extends Query> Q bind(Q query) {
            query.setParameter("noticeSubjectType", subjectType).setParameter("noticeKind", kind)
                    .setParameter("noticeThresholdDays", thresholdDays);
            return query;
        }
    }

    /** The notices some subjects of one type already got, and those a batch records as it goes. */
    public static final class Sent {

        private record Key(String subjectId, NoticeKind kind, int thresholdDays) {
        }

        private final NoticeSubjectType subjectType;
        private final Set<Key> keys = new HashSet<>();

        Sent(NoticeSubjectType subjectType) {
            this.subjectType = subjectType;
        }

        NoticeSubjectType subjectType() {
            return subjectType;
        }

        void add(String subjectId, NoticeKind kind, int thresholdDays) {
            keys.add(new Key(subjectId, kind, thresholdDays));
        }

        public boolean contains(String subjectId, NoticeKind kind, int thresholdDays) {
            return keys.contains(new Key(subjectId, kind, thresholdDays));
        }

        /** The thresholds not given yet, taken as given from now on. */
        List<Integer> claim(String subjectId, NoticeKind kind, SortedSet<Integer> thresholds) {
            List<Integer> claimed = new ArrayList<>();
            for (int days : thresholds) {
                if (keys.add(new Key(subjectId, kind, days))) {
                    claimed.add(days);
                }
            }
            return claimed;
        }
    }

    /** The notices these subjects already got: one query for a batch. */
    public Sent sent(NoticeSubjectType subjectType, List<String> subjectIds) {
        Sent sent = new Sent(subjectType);
        if (!subjectIds.isEmpty()) {
            em.createNamedQuery("PA_Notice.ofSubjects", NoticeEntity.class).setParameter("subjectType", subjectType)
                    .setParameter("ids", subjectIds).getResultStream()
                    .forEach(n -> sent.add(n.subjectId(), n.kind(), n.thresholdDays()));
        }
        return sent;
    }

    /**
     * Records one notice about the subject as given at each of {@code covered} that it did not get yet: the nearest
     * threshold's notice stands for the farther ones too.
     */
    public void record(String realmId, String subjectId, NoticeKind kind, SortedSet<Integer> covered, long now, Sent sent) {
        for (int days : sent.claim(subjectId, kind, covered)) {
            em.persist(new NoticeEntity(realmId, sent.subjectType(), subjectId, kind, days, now));
        }
    }

    /** Forgets the subject's notices of this kind, so that its next deadline is announced again. */
    public void clear(NoticeSubjectType subjectType, String subjectId, NoticeKind kind) {
        em.createNamedQuery("PA_Notice.clear").setParameter("subjectType", subjectType).setParameter("subjectId", subjectId)
                .setParameter("kind", kind).executeUpdate();
    }

    /** Every notice of the realm, when Keycloak removes it. */
    public void deleteRealm(String realmId) {
        em.createNamedQuery("PA_Notice.deleteByRealm").setParameter("realmId", realmId).executeUpdate();
    }
}
