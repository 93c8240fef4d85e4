package dev.partneraccess.core.jpa;

/** Which deadline a notice announces. Stored by name in {@code PA_NOTICE.KIND}. */
public enum NoticeKind {
    /** The grant or the service account ends. */
    EXPIRY,
    /** The service account's secret becomes older than its tier allows. */
    SECRET_AGE
}
