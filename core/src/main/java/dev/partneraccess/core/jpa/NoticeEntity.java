package dev.partneraccess.core.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * A notice sent about one subject, for one deadline, at one threshold; its unique key makes a second one impossible,
 * even from two nodes. Only {@link NoticeStore} reads or writes it: its accessors are package-private for that.
 */
@Entity(name = "PaNotice")
@Table(name = "PA_NOTICE")
@NamedQueries({
        @NamedQuery(name = "PA_Notice.ofSubjects",
                query = "select n from PaNotice n where n.subjectType = :subjectType and n.subjectId in :ids"),
        @NamedQuery(name = "PA_Notice.clear",
                query = "delete from PaNotice n where n.subjectType = :subjectType and n.subjectId = :subjectId"
                        + " and n.kind = :kind"),
        @NamedQuery(name = "PA_Notice.deleteByRealm",
                query = "delete from PaNotice n where n.realmId = :realmId")
})
public class NoticeEntity {

    /** The row's id; the copy of the old rows in {@code changelog-2026-12-01-notice-subjects.xml} builds the same. */
    static String key(NoticeSubjectType subjectType, String subjectId, NoticeKind kind, int thresholdDays) {
        return subjectType.name() + ":" + subjectId + ":" + kind.name() + ":" + thresholdDays;
    }

    @Id
    @Column(name = "ID", length = 80, nullable = false)
    private String id;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Enumerated(EnumType.STRING)
    @Column(name = "SUBJECT_TYPE", length = 16, nullable = false)
    private NoticeSubjectType subjectType;

    @Column(name = "SUBJECT_ID", length = 36, nullable = false)
    private String subjectId;

    @Enumerated(EnumType.STRING)
    @Column(name = "KIND", length = 16, nullable = false)
    private NoticeKind kind;

    @Column(name = "THRESHOLD_DAYS", nullable = false)
    private int thresholdDays;

    @Column(name = "SENT_AT", nullable = false)
    private long sentAt;

    public NoticeEntity() {
    }

    NoticeEntity(String realmId, NoticeSubjectType subjectType, String subjectId, NoticeKind kind, int thresholdDays,
                 long sentAt) {
        this.id = key(subjectType, subjectId, kind, thresholdDays);
        this.realmId = realmId;
        this.subjectType = subjectType;
        this.subjectId = subjectId;
        this.kind = kind;
        this.thresholdDays = thresholdDays;
        this.sentAt = sentAt;
    }

    String subjectId() {
        return subjectId;
    }

    NoticeKind kind() {
        return kind;
    }

    int thresholdDays() {
        return thresholdDays;
    }
}
