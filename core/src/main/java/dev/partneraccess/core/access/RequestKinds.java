package dev.partneraccess.core.access;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import dev.partneraccess.core.spi.PartnerAccessProvider;

/** The kinds of request of one realm, built once per session and realm by {@link RequestService}. */
final class RequestKinds {

    final AccessKind access;
    final GrantRenewalKind grantRenewal;
    final ServiceAccountRenewalKind serviceAccountRenewal;
    final ContentReleaseKind contentRelease;

    RequestKinds(KeycloakSession session, RealmModel realm, PartnerAccessProvider access, GrantService grants,
                 RequestLimits limits) {
        this.access = new AccessKind(session, realm, access, grants, limits);
        this.grantRenewal = new GrantRenewalKind(session, realm, access.policies(), grants, limits);
        this.serviceAccountRenewal = new ServiceAccountRenewalKind(session, realm, access);
        this.contentRelease = new ContentReleaseKind(realm, access);
    }

    /** The kind of a stored request: a renewal of a service account, a renewal of a grant, or a new access. */
    RequestKind of(RequestModel request) {
        if (RequestService.TYPE_CONTENT_RELEASE.equals(request.getType())) {
            return contentRelease;
        }
        if (RequestService.TYPE_RENEWAL.equals(request.getType())) {
            return request.getServiceAccountId() != null ? serviceAccountRenewal : grantRenewal;
        }
        return access;
    }
}
