package dev.partneraccess.rest;

import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.partneraccess.core.content.ContentService;
import dev.partneraccess.core.support.Json;
import dev.partneraccess.core.support.JsonBody;
import dev.partneraccess.core.support.Paging;
import dev.partneraccess.core.support.TextRules;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code /content}: content packages and their release. Reads need view-users, changes manage-users; the release's
 * stages are decided through {@code /requests} like any other request.
 */
public final class ContentResource {

    private final Rest rest;

    ContentResource(Rest rest) {
        this.rest = rest;
    }

    private ContentService contents() {
        return rest.access.contents(rest.realm);
    }

    @POST
    @Path("")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response create(String body) {
        return rest.run(() -> {
            rest.requireManageUsers();
            ObjectNode content = ContentJson.write(contents().create(ContentInputs.newContent(JsonBody.parse(body)), rest.actor()));
            rest.adminEvent(OperationType.CREATE, ResourceType.CUSTOM, content, "content", content.get("id").asText());
            return Rest.created(content);
        });
    }

    @GET
    @Path("")
    @Produces(MediaType.APPLICATION_JSON)
    public Response list(@QueryParam("status") String status, @QueryParam("kind") String kind,
                         @QueryParam("client") String client, @QueryParam("first") String first,
                         @QueryParam("max") String max) {
        return rest.run(() -> {
            rest.requireViewUsers();
            ArrayNode list = Json.array();
            contents().list(TextRules.filter("status", status), TextRules.filter("kind", kind),
                    TextRules.filter("client", client), Paging.parse(first, max)).stream().map(ContentJson::write)
                    .forEach(list::add);
            return Rest.ok(list);
        });
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response get(@PathParam("id") String id) {
        return rest.run(() -> {
            rest.requireViewUsers();
            return Rest.ok(ContentJson.write(contents().get(id)));
        });
    }

    @POST
    @Path("{id}/submit")
    @Produces(MediaType.APPLICATION_JSON)
    public Response submit(@PathParam("id") String id) {
        return rest.run(() -> {
            rest.requireManageUsers();
            ObjectNode content = ContentJson.write(contents().submit(id, rest.actor()));
            rest.adminEvent(OperationType.ACTION, ResourceType.CUSTOM, content, "content", id, "submit");
            return Rest.ok(content);
        });
    }

    @POST
    @Path("{id}/withdraw")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response withdraw(@PathParam("id") String id, String body) {
        return rest.run(() -> {
            rest.requireManageUsers();
            String reason = ContentInputs.withdrawal(JsonBody.parse(body));
            ObjectNode content = ContentJson.write(contents().withdraw(id, reason, rest.actor()));
            rest.adminEvent(OperationType.ACTION, ResourceType.CUSTOM, content, "content", id, "withdraw");
            return Rest.ok(content);
        });
    }
}
