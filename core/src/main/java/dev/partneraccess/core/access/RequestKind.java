package dev.partneraccess.core.access;

import dev.partneraccess.core.support.Actor;

/**
 * What differs between the kinds of request that go through the one approval pipeline: a new access to a governed
 * role ({@link AccessKind}), the renewal of an active grant ({@link GrantRenewalKind}) and the renewal of a partner
 * service account ({@link ServiceAccountRenewalKind}) and the release of a content package ({@link ContentReleaseKind}). Each kind checks its own input before a request is opened and
 * hands {@link RequestOpening} a {@link RequestOpening.Draft} (beneficiary, role or subject, stages, its fields of
 * {@code REQUEST_CREATED}); the shared steps (the evidence lock, one pending request per user and role, the stages,
 * the evidence, the mails) are the pipeline's. At the last approval {@link RequestDecisions} asks the kind to re-check
 * and to complete the request.
 */
sealed interface RequestKind permits AccessKind, GrantRenewalKind, ServiceAccountRenewalKind, ContentReleaseKind {

    /**
     * Locks, at a decision on a pending request, what its completion will change; rows before the evidence chain,
     * the lock order everywhere. Nothing for a new access.
     */
    default void lockSubject(RequestModel request) {
    }

    /**
     * What changed since the request was made and no longer allows completing it, checked under the request's lock at
     * the last approval; null when it may be completed.
     */
    String recheck(RequestModel request);

    /** Completes an approved request: issues the grant, renews the grant, or renews the service account. */
    void complete(RequestModel request, Actor actor);

    /**
     * A request of this kind ended without completion ({@code REJECTED}, {@code CANCELLED}, {@code TIMED_OUT}), in the
     * transaction that ended it, its row locked: what its subject does then (a content package leaves review).
     */
    default void ended(RequestModel request, String status, Actor actor) {
    }
}
