package dev.partneraccess.rest;

import java.util.function.Supplier;

import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.partneraccess.core.access.GrantService;
import dev.partneraccess.core.access.RequestService;
import dev.partneraccess.core.access.ServiceAccountService;
import dev.partneraccess.core.evidence.EvidenceLedger;
import dev.partneraccess.core.partner.PartnerService;
import dev.partneraccess.core.policy.PolicyStore;
import dev.partneraccess.core.spi.PartnerAccessProvider;
import dev.partneraccess.core.support.Actor;
import dev.partneraccess.core.support.Refusal;
import dev.partneraccess.core.support.Json;
import dev.partneraccess.core.wiring.RealmWiring;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * What every admin endpoint shares: the permission checks of the product contract, the caller as an {@link Actor},
 * the services (from the session's {@link PartnerAccessProvider}), admin events, and the translation of refusals into the contract's error body. A refused call rolls
 * its transaction back, so nothing it may have started is committed.
 */
final class Rest {

    final KeycloakSession session;
    final RealmModel realm;
    final AdminPermissionEvaluator auth;
    private final AdminEventBuilder adminEvent;
    final PartnerAccessProvider access;

    Rest(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth, AdminEventBuilder adminEvent) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
        this.adminEvent = adminEvent;
        this.access = session.getProvider(PartnerAccessProvider.class);
    }

    // The services of this realm, from the session's one partner access provider.

    EvidenceLedger ledger() {
        return access.ledger();
    }

    PolicyStore policies() {
        return access.policies();
    }

    PartnerService partners() {
        return access.partners(realm);
    }

    GrantService grants() {
        return access.grants(realm);
    }

    RequestService requests() {
        return access.requests(realm);
    }

    ServiceAccountService serviceAccounts() {
        return access.serviceAccounts(realm);
    }

    RealmWiring wiring() {
        return access.wiring(realm);
    }

    Response run(Supplier<Response> action) {
        try {
            return action.get();
        } catch (Refusal e) {
            return refuse(session, e);
        }
    }

    /** The answer to a refused call; its transaction rolls back unless the refusal is itself a recorded decision. */
    static Response refuse(KeycloakSession session, Refusal e) {
        if (!e.keepsChanges()) {
            session.getTransactionManager().setRollbackOnly();
        }
        return error(e);
    }

    /**
     * The contract's error body. {@code errorMessage} repeats {@code message} because it is the field that
     * {@code kcadm.sh} and Keycloak's admin console show.
     */
    static Response error(Refusal e) {
        return switch (e.kind()) {
            case INVALID -> error(400, "invalid_request", e.getMessage(), e.field());
            case FORBIDDEN -> error(403, "forbidden", e.getMessage(), e.field());
            case NOT_FOUND -> error(404, "not_found", e.getMessage(), e.field());
            case CONFLICT -> error(409, "conflict", e.getMessage(), e.field());
        };
    }

    /** The contract's error body for a refusal only HTTP knows of (no bearer token, a body that is not JSON). */
    static Response error(int status, String error, String message, String field) {
        ObjectNode body = Json.object();
        body.put("error", error);
        body.put("message", message);
        body.put("errorMessage", message);
        body.put("field", field);
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(Json.write(body)).build();
    }

    /**
     * Refuses, before any resource method is chosen, a request whose body is declared as something other than JSON:
     * the methods read JSON only ({@code @Consumes(APPLICATION_JSON)}), and left to JAX-RS a form or multipart body
     * would be answered by Keycloak's own 415 body rather than the contract's. A request without a Content-Type is
     * read as JSON. Called where our resources are mounted, so it covers every endpoint, the new ones too.
     */
    static void requireJsonBody(KeycloakSession session) {
        HttpHeaders headers = session.getContext().getRequestHeaders();
        String method = session.getContext().getHttpRequest().getHttpMethod();
        String declared = headers == null ? null : headers.getHeaderString(HttpHeaders.CONTENT_TYPE);
        if (declared == null || declared.isBlank() || "GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method)) {
            return;
        }
        MediaType type;
        try {
            type = MediaType.valueOf(declared.strip());
        } catch (IllegalArgumentException malformed) {
            type = null;
        }
        if (type == null || !type.isCompatible(MediaType.APPLICATION_JSON_TYPE) || type.isWildcardType() || type.isWildcardSubtype()) {
            throw new WebApplicationException(error(415, "unsupported_media_type", "The request body must be"
                    + " JSON, sent with 'Content-Type: application/json'; this request declares '" + declared.strip() + "'.", null));
        }
    }

    static Response ok(JsonNode body) {
        return Response.ok(Json.write(body), MediaType.APPLICATION_JSON_TYPE).build();
    }

    static Response created(JsonNode body) {
        return Response.status(Response.Status.CREATED).type(MediaType.APPLICATION_JSON_TYPE).entity(Json.write(body)).build();
    }

    void requireViewUsers() {
        if (!auth.users().canView()) {
            throw Refusal.forbidden("This needs the realm-management role view-users.");
        }
    }

    void requireManageUsers() {
        if (!auth.users().canManage()) {
            throw Refusal.forbidden("This needs the realm-management role manage-users.");
        }
    }

    void requireManageRealm() {
        if (!auth.realm().canManageRealm()) {
            throw Refusal.forbidden("This needs the realm-management role manage-realm.");
        }
    }

    void requireViewRealm() {
        if (!auth.realm().canViewRealm()) {
            throw Refusal.forbidden("This needs the realm-management role view-realm.");
        }
    }

    void requireViewEvents() {
        if (!auth.realm().canViewEvents()) {
            throw Refusal.forbidden("This needs the realm-management role view-events.");
        }
    }

    Actor actor() {
        UserModel user = caller();
        return new Actor(user.getId(), user.getUsername());
    }

    /** The user behind the bearer token: an admin, or an approver who holds no admin role at all. */
    UserModel caller() {
        return auth.adminAuth().getUser();
    }

    /** Approvers act in their own realm; a master-realm admin's token decides no stage of another realm. */
    UserModel approver() {
        if (!auth.adminAuth().getRealm().getId().equals(realm.getId())) {
            throw Refusal.forbidden("Approvers decide with a token of realm '" + realm.getName() + "'.");
        }
        return caller();
    }

    /** Our own admin events live under {@code partner-access/}, which is how the evidence listener tells them apart. */
    void adminEvent(OperationType operation, ResourceType type, Object representation, String... path) {
        String[] full = new String[path.length + 1];
        full[0] = "partner-access";
        System.arraycopy(path, 0, full, 1, path.length);
        adminEvent.operation(operation).resource(type).resourcePath(full).representation(representation).success();
    }
}
