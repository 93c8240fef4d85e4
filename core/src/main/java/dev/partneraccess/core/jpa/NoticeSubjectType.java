package dev.partneraccess.core.jpa;

/** What a notice is about: a grant or a partner service account. Stored by name in {@code PA_NOTICE.SUBJECT_TYPE}. */
public enum NoticeSubjectType {
    GRANT,
    SERVICE_ACCOUNT
}
