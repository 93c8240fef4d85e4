package dev.partneraccess.rest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;

import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import dev.partneraccess.core.support.Links;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;

/**
 * {@code /realms/{realm}/partner-access/console/}: the web console's static files, read from this jar. Hashed assets
 * are cached for a year; every other path is one of the single-page application's routes and answers
 * {@code index.html}, with the realm, the server URL and the console's own base path filled in. Only plain relative
 * names under the console folder are ever read, so no path can reach another resource of the jar.
 */
public final class ConsoleResource {

    private static final Logger LOG = Logger.getLogger(ConsoleResource.class);

    static final String FOLDER = "partner-access-console/";
    static final String CLIENT_ID = "partner-access-console";
    private static final Pattern SAFE_PATH = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*(/[A-Za-z0-9_-][A-Za-z0-9._-]*)*");
    private static final Map<String, String> TYPES = Map.of(
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "html", "text/html; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "woff2", "font/woff2",
            "woff", "font/woff",
            "json", "application/json",
            "ico", "image/x-icon",
            "map", "application/json");

    private final KeycloakSession session;
    private final RealmModel realm;

    ConsoleResource(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    @GET
    @Path("")
    public Response index() {
        return page();
    }

    @GET
    @Path("{path: .+}")
    public Response file(@PathParam("path") String path) {
        if (!SAFE_PATH.matcher(path).matches() || path.contains("..")) {
            return notFound();
        }
        String extension = extension(path);
        if (path.startsWith("assets/") || extension != null && !extension.equals("html")) {
            byte[] bytes = read(FOLDER + path);
            if (bytes == null) {
                return notFound();
            }
            CacheControl cache = new CacheControl();
            if (path.startsWith("assets/")) {
                // Vite puts a content hash into every asset's name: a changed file is a new name.
                cache.setMaxAge(365 * 24 * 3600);
            } else {
                cache.setNoCache(true);
            }
            return Response.ok(bytes).type(TYPES.getOrDefault(extension, "application/octet-stream"))
                    .cacheControl(cache).header("X-Content-Type-Options", "nosniff").build();
        }
        return page();
    }

    private Response page() {
        byte[] template = read(FOLDER + "index.html");
        if (template == null) {
            LOG.warnf("The console's index.html is missing from the jar; was the front end built?");
            return notFound();
        }
        URI base = session.getContext().getUri().getBaseUri();
        // The server address comes from configuration (realm frontend URL or the hostname option), never from the
        // request's Host header; without either the page names only the path and the browser adds its own origin.
        String server = Links.configuredBase(realm).orElse(base.getRawPath()).replaceAll("/+$", "");
        String consolePath = UriBuilder.fromUri(base).path("realms").path(realm.getName()).path("partner-access")
                .path("console").build().getRawPath() + "/";
        String html = new String(template, StandardCharsets.UTF_8)
                .replace("%BASE_PATH%", html(consolePath))
                .replace("%SERVER_URL%", html(server))
                .replace("%REALM%", html(realm.getName()))
                .replace("%CLIENT_ID%", CLIENT_ID);
        CacheControl cache = new CacheControl();
        cache.setNoStore(true);
        return Response.ok(html).type("text/html; charset=utf-8").cacheControl(cache)
                .header("X-Content-Type-Options", "nosniff").header("Referrer-Policy", "no-referrer").build();
    }

    private static Response notFound() {
        return Response.status(Response.Status.NOT_FOUND).type("text/plain; charset=utf-8").entity("Not found").build();
    }

    private static String extension(String path) {
        int slash = path.lastIndexOf('/');
        int dot = path.lastIndexOf('.');
        return dot > slash ? path.substring(dot + 1).toLowerCase(java.util.Locale.ROOT) : null;
    }

    private static byte[] read(String resource) {
        try (InputStream in = ConsoleResource.class.getClassLoader().getResourceAsStream(resource)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Escapes a value for an HTML attribute. */
    private static String html(String value) {
        return value.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&#39;");
    }
}
