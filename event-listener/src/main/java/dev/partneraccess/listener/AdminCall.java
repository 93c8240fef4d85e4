package dev.partneraccess.listener;

import org.keycloak.models.KeycloakSession;

/** Whether the session serves a call to Keycloak's admin API, where a refusal reaches the admin who made it. */
final class AdminCall {

    private AdminCall() {
    }

    static boolean isAdminRequest(KeycloakSession session) {
        try {
            var request = session.getContext().getHttpRequest();
            String path = request == null || request.getUri() == null ? null : request.getUri().getPath();
            return path != null && path.contains("/admin/realms/") && !path.contains("/partner-access/");
        } catch (RuntimeException noRequest) {
            // Scheduled work and other jobs run outside any request.
            return false;
        }
    }
}
