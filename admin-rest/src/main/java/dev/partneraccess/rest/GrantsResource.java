package dev.partneraccess.rest;

import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.partneraccess.core.support.Json;
import dev.partneraccess.core.access.GrantService;
import dev.partneraccess.core.support.JsonBody;
import dev.partneraccess.core.support.Paging;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** {@code /grants}: the governed role mappings, why and until when; revocation. */
public final class GrantsResource {

    private final Rest rest;

    GrantsResource(Rest rest) {
        this.rest = rest;
    }

    @GET
    @Path("")
    @Produces(MediaType.APPLICATION_JSON)
    public Response list(@QueryParam("user") String user, @QueryParam("partner") String partner,
                         @QueryParam("role") String role, @QueryParam("status") String status,
                         @QueryParam("expiringBefore") String expiringBefore,
                         @QueryParam("first") String first, @QueryParam("max") String max) {
        return rest.run(() -> {
            rest.requireViewUsers();
            ArrayNode grants = Json.array();
            rest.grants().list(user, partner, role, status, expiringBefore, Paging.parse(first, max)).stream()
                    .map(GrantJson::write).forEach(grants::add);
            return Rest.ok(grants);
        });
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response get(@PathParam("id") String id) {
        return rest.run(() -> {
            rest.requireViewUsers();
            return Rest.ok(GrantJson.write(rest.grants().get(id)));
        });
    }

    @POST
    @Path("{id}/revoke")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response revoke(@PathParam("id") String id, String body) {
        return rest.run(() -> {
            rest.requireManageUsers();
            JsonBody input = JsonBody.parse(body);
            input.allowOnly("reason");
            String reason = input.requiredText("reason", GrantService.REASON_MAX);
            ObjectNode grant = GrantJson.write(rest.grants().revoke(id, reason, rest.actor()));
            rest.adminEvent(OperationType.ACTION, ResourceType.CUSTOM, grant, "grants", id, "revoke");
            return Rest.ok(grant);
        });
    }

    @POST
    @Path("{id}/renew")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response renew(@PathParam("id") String id, String body) {
        return rest.run(() -> {
            rest.requireManageUsers();
            ObjectNode request = RequestJson.write(rest.requests().renew(id, RequestInputs.grantRenewal(JsonBody.parse(body)), rest.actor()));
            rest.adminEvent(OperationType.CREATE, ResourceType.CUSTOM, request, "requests", request.get("id").asText());
            return Rest.created(request);
        });
    }
}
