package dev.partneraccess.rest;

import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.partneraccess.core.access.GrantService;
import dev.partneraccess.core.access.ServiceAccount;
import dev.partneraccess.core.support.JsonBody;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** {@code /service-accounts/{id}}: rotate, disable and renew a partner's service account ({@code id} is the client's id). */
public final class ServiceAccountsResource {

    private final Rest rest;

    ServiceAccountsResource(Rest rest) {
        this.rest = rest;
    }

    /** Answers the new secret, once; the admin event and the evidence never carry it. */
    @POST
    @Path("{id}/rotate")
    @Produces(MediaType.APPLICATION_JSON)
    public Response rotate(@PathParam("id") String id) {
        return rest.run(() -> {
            rest.requireManageUsers();
            ServiceAccount account = rest.serviceAccounts().rotate(id, rest.actor());
            rest.adminEvent(OperationType.ACTION, ResourceType.CLIENT, ServiceAccountJson.write(account), "service-accounts", id, "rotate");
            return Rest.ok(ServiceAccountJson.withSecret(account));
        });
    }

    @POST
    @Path("{id}/disable")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response disable(@PathParam("id") String id, String body) {
        return rest.run(() -> {
            rest.requireManageUsers();
            JsonBody input = JsonBody.parse(body);
            input.allowOnly("reason");
            String reason = input.requiredText("reason", GrantService.REASON_MAX);
            ObjectNode account = ServiceAccountJson.write(rest.serviceAccounts().disable(id, reason, rest.actor()));
            rest.adminEvent(OperationType.ACTION, ResourceType.CLIENT, account, "service-accounts", id, "disable");
            return Rest.ok(account);
        });
    }

    @POST
    @Path("{id}/renew")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response renew(@PathParam("id") String id, String body) {
        return rest.run(() -> {
            rest.requireManageUsers();
            ObjectNode request = RequestJson.write(rest.requests().renewServiceAccount(id, ServiceAccountInputs.renewal(JsonBody.parse(body)), rest.actor()));
            rest.adminEvent(OperationType.CREATE, ResourceType.CUSTOM, request, "requests", request.get("id").asText());
            return Rest.created(request);
        });
    }
}
