package dev.partneraccess.core.support;

import java.net.URI;
import java.util.Optional;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * The server's public address for links in e-mails and pages, taken from configuration rather than from whatever
 * request happens to be running: the realm's frontend URL, else the server's {@code hostname} option, else (only inside
 * a request, as in development mode without a hostname) the address the request came in on. Scheduled work has no
 * request at all, so it must never touch the request context.
 */
public final class Links {

    private Links() {
    }

    /** The configured base URL ending in {@code /}, or empty when neither the realm nor the server names one. */
    public static Optional<String> configuredBase(RealmModel realm) {
        String frontend = realm.getAttribute("frontendUrl");
        if (frontend != null && !frontend.isBlank()) {
            return Optional.of(withSlash(frontend.strip()));
        }
        String hostname = Config.scope("hostname", "v2").get("hostname");
        if (hostname != null && !hostname.isBlank()) {
            String value = hostname.strip();
            return Optional.of(withSlash(value.contains("://") ? value : "https://" + value));
        }
        return Optional.empty();
    }

    /**
     * The base URL for a link: the configured one, else the current request's, else {@code /} (a link relative to the
     * server, which is still better than none).
     */
    public static String base(KeycloakSession session, RealmModel realm) {
        return configuredBase(realm).orElseGet(() -> requestBase(session).map(URI::toString).map(Links::withSlash).orElse("/"));
    }

    /** The base URI of the request this session serves, or empty when it serves none (scheduled work). */
    public static Optional<URI> requestBase(KeycloakSession session) {
        try {
            return session.getContext().getUri() == null ? Optional.empty() : Optional.of(session.getContext().getUri().getBaseUri());
        } catch (RuntimeException noRequest) {
            // Outside a request Quarkus answers with ContextNotActiveException (or a null request context) here.
            return Optional.empty();
        }
    }

    private static String withSlash(String url) {
        return url.endsWith("/") ? url : url + "/";
    }
}
