package dev.partneraccess.core.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.TreeSet;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import jakarta.persistence.Query;

class NoticeStoreTest {

    private static final TreeSet<Integer> THRESHOLDS = new TreeSet<>(java.util.List.of(1, 7, 14));

    @Test
    @DisplayName("Given a grant found at 7 days with no notice yet, then its 7- and 14-day notices are taken as given, not the 1-day one")
    void theNearestThresholdCoversTheFartherOnes() {
        NoticeStore.Sent sent = new NoticeStore.Sent(NoticeSubjectType.GRANT);

        assertThat(sent.claim("g1", NoticeKind.EXPIRY, THRESHOLDS.tailSet(7, true))).containsExactly(7, 14);
        assertThat(sent.contains("g1", NoticeKind.EXPIRY, 14)).isTrue();
        assertThat(sent.contains("g1", NoticeKind.EXPIRY, 1)).isFalse();
    }

    @Test
    @DisplayName("Given a 14-day notice already sent, then reaching 7 days records only the 7-day one")
    void aNoticeAlreadySentIsNotRecordedAgain() {
        NoticeStore.Sent sent = new NoticeStore.Sent(NoticeSubjectType.SERVICE_ACCOUNT);
        sent.add("sa1", NoticeKind.EXPIRY, 14);

        assertThat(sent.claim("sa1", NoticeKind.EXPIRY, THRESHOLDS.tailSet(7, true))).containsExactly(7);
        assertThat(sent.claim("sa1", NoticeKind.EXPIRY, THRESHOLDS.tailSet(7, true))).isEmpty();
    }

    @Test
    @DisplayName("Given an account told it ends in 7 days, then its secret's 7-day notice is still due")
    void theKindsOfOneAccountAreCountedApart() {
        NoticeStore.Sent sent = new NoticeStore.Sent(NoticeSubjectType.SERVICE_ACCOUNT);
        sent.claim("sa1", NoticeKind.EXPIRY, THRESHOLDS.tailSet(7, true));

        assertThat(sent.claim("sa1", NoticeKind.SECRET_AGE, THRESHOLDS.tailSet(7, true))).containsExactly(7, 14);
        assertThat(sent.claim("sa2", NoticeKind.EXPIRY, THRESHOLDS.tailSet(7, true))).containsExactly(7, 14);
    }

    @Test
    @DisplayName("Given the same id and threshold, then a grant's notice and a service account's secret notice have different keys")
    void keysNameSubjectAndKind() {
        assertThat(NoticeEntity.key(NoticeSubjectType.GRANT, "x", NoticeKind.EXPIRY, 14)).isEqualTo("GRANT:x:EXPIRY:14");
        assertThat(NoticeEntity.key(NoticeSubjectType.SERVICE_ACCOUNT, "x", NoticeKind.SECRET_AGE, 14))
                .isEqualTo("SERVICE_ACCOUNT:x:SECRET_AGE:14");
        // the longest key fits PA_NOTICE.ID (80)
        assertThat(NoticeEntity.key(NoticeSubjectType.SERVICE_ACCOUNT, "x".repeat(36), NoticeKind.SECRET_AGE,
                Integer.MIN_VALUE)).hasSizeLessThanOrEqualTo(80);
    }

    @Test
    @DisplayName("Given the sweep's due-query, then the not-yet-noticed condition names the subject's alias and binds type, kind and threshold")
    void notNoticedConditionBindsItsParameters() {
        NoticeStore.NotNoticed notNoticed = new NoticeStore.NotNoticed(NoticeSubjectType.SERVICE_ACCOUNT, NoticeKind.SECRET_AGE, 7);
        Query query = mock(Query.class);
        when(query.setParameter(anyString(), any())).thenReturn(query);

        assertThat(notNoticed.jpql("a")).startsWith("not exists (").contains("n.subjectId = a.id");
        assertThat(notNoticed.bind(query)).isSameAs(query);
        verify(query).setParameter("noticeSubjectType", NoticeSubjectType.SERVICE_ACCOUNT);
        verify(query).setParameter("noticeKind", NoticeKind.SECRET_AGE);
        verify(query).setParameter("noticeThresholdDays", 7);
    }
}
