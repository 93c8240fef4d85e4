package dev.partneraccess.rest;

import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.UserModel;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.partneraccess.core.support.Refusal;
import dev.partneraccess.core.support.Json;
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

/**
 * {@code /requests}: access requests and their stage decisions. Admins open and list requests with the user roles;
 * a stage is decided by whoever holds its approver role, admin or not, and approvers see their inbox and the
 * requests they decide.
 */
public final class RequestsResource {

    private final Rest rest;

    RequestsResource(Rest rest) {
        this.rest = rest;
    }

    @POST
    @Path("")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response create(String body) {
        return rest.run(() -> {
            rest.requireManageUsers();
            ObjectNode request = RequestJson.write(rest.requests().create(RequestInputs.newRequest(JsonBody.parse(body), false, null), rest.actor(), false));
            event(OperationType.CREATE, request);
            return Rest.created(request);
        });
    }

    @GET
    @Path("")
    @Produces(MediaType.APPLICATION_JSON)
    public Response list(@QueryParam("status") String status, @QueryParam("partner") String partner,
                         @QueryParam("user") String user, @QueryParam("awaiting") String awaiting,
                         @QueryParam("first") String first, @QueryParam("max") String max) {
        return rest.run(() -> {
            Paging paging = Paging.parse(first, max);
            ArrayNode requests = Json.array();
            if (awaiting != null) {
                if (!awaiting.equals("me")) {
                    throw Refusal.invalid("awaiting", "'awaiting' takes only the value 'me'.");
                }
                InboxView view = new InboxView(rest.session, rest.realm);
                rest.requests().awaiting(rest.approver(), paging).forEach(r -> requests.add(view.describe(RequestJson.write(r))));
            } else {
                rest.requireViewUsers();
                rest.requests().list(status, partner, user, paging).stream().map(RequestJson::write).forEach(requests::add);
            }
            return Rest.ok(requests);
        });
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response get(@PathParam("id") String id) {
        return rest.run(() -> Rest.ok(RequestJson.write(rest.requests().withApprovers(
                java.util.List.of(rest.requests().get(id, rest.caller(), rest.auth.users().canView()))).get(0))));
    }

    @POST
    @Path("{id}/decision")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response decide(@PathParam("id") String id, String body) {
        return rest.run(() -> {
            JsonBody input = JsonBody.parse(body);
            // A token of another realm is refused before the body's fields are read.
            UserModel approver = rest.approver();
            ObjectNode request = RequestJson.write(rest.requests().decide(id, RequestInputs.decision(input), approver, rest.actor()));
            event(OperationType.ACTION, request, "decision");
            return Rest.ok(request);
        });
    }

    @POST
    @Path("{id}/cancel")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response cancel(@PathParam("id") String id, String body) {
        return rest.run(() -> {
            ObjectNode request = RequestJson.write(rest.requests().cancel(id, RequestInputs.cancelReason(body),
                    rest.caller(), rest.auth.users().canManage(), rest.actor()));
            event(OperationType.ACTION, request, "cancel");
            return Rest.ok(request);
        });
    }

    private void event(OperationType operation, ObjectNode request, String... action) {
        String[] path = new String[2 + action.length];
        path[0] = "requests";
        path[1] = request.get("id").asText();
        System.arraycopy(action, 0, path, 2, action.length);
        rest.adminEvent(operation, ResourceType.CUSTOM, request, path);
    }
}
