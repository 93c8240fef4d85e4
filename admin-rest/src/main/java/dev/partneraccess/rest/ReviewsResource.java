package dev.partneraccess.rest;

import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.UserModel;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.partneraccess.core.review.ReviewService;
import dev.partneraccess.core.support.Json;
import dev.partneraccess.core.support.JsonBody;
import dev.partneraccess.core.support.Paging;
import dev.partneraccess.core.support.Refusal;

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
 * {@code /reviews}: access reviews. Admins start, list and close them with the user roles; a reviewer, admin or not,
 * lists and decides the items they review.
 */
public final class ReviewsResource {

    private final Rest rest;

    ReviewsResource(Rest rest) {
        this.rest = rest;
    }

    private ReviewService reviews() {
        return rest.access.reviews(rest.realm);
    }

    @POST
    @Path("")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response create(String body) {
        return rest.run(() -> {
            rest.requireManageUsers();
            ObjectNode review = ReviewJson.write(reviews().create(ReviewInputs.newReview(JsonBody.parse(body)), rest.actor()));
            rest.adminEvent(OperationType.CREATE, ResourceType.CUSTOM, review, "reviews", review.get("id").asText());
            return Rest.created(review);
        });
    }

    @GET
    @Path("")
    @Produces(MediaType.APPLICATION_JSON)
    public Response list(@QueryParam("status") String status, @QueryParam("awaiting") String awaiting,
                         @QueryParam("first") String first, @QueryParam("max") String max) {
        return rest.run(() -> {
            ArrayNode reviews = Json.array();
            if (awaiting != null) {
                // A reviewer finds the reviews that wait for them without view-users, as for their items.
                if (!awaiting.equals("me")) {
                    throw Refusal.invalid("awaiting", "'awaiting' takes only the value 'me'.");
                }
                if (status != null) {
                    throw Refusal.invalid("status", "'awaiting=me' lists OPEN reviews only; leave out 'status'.");
                }
                reviews().awaiting(rest.approver().getId(), Paging.parse(first, max)).stream().map(ReviewJson::write)
                        .forEach(reviews::add);
                return Rest.ok(reviews);
            }
            rest.requireViewUsers();
            reviews().list(status, Paging.parse(first, max)).stream().map(ReviewJson::write).forEach(reviews::add);
            return Rest.ok(reviews);
        });
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response get(@PathParam("id") String id) {
        return rest.run(() -> {
            rest.requireViewUsers();
            return Rest.ok(ReviewJson.write(reviews().get(id)));
        });
    }

    /** All items for an admin with view-users; otherwise, and always with {@code awaiting=me}, the caller's own. */
    @GET
    @Path("{id}/items")
    @Produces(MediaType.APPLICATION_JSON)
    public Response items(@PathParam("id") String id, @QueryParam("decision") String decision,
                          @QueryParam("awaiting") String awaiting, @QueryParam("first") String first,
                          @QueryParam("max") String max) {
        return rest.run(() -> {
            if (awaiting != null && !awaiting.equals("me")) {
                throw Refusal.invalid("awaiting", "'awaiting' takes only the value 'me'.");
            }
            String reviewer = awaiting == null && rest.auth.users().canView() ? null : rest.approver().getId();
            ArrayNode items = Json.array();
            reviews().items(id, decision, reviewer, awaiting != null, Paging.parse(first, max)).stream()
                    .map(ReviewJson::write).forEach(items::add);
            return Rest.ok(items);
        });
    }

    @POST
    @Path("{id}/items/{itemId}/decision")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response decide(@PathParam("id") String id, @PathParam("itemId") String itemId, String body) {
        return rest.run(() -> {
            JsonBody input = JsonBody.parse(body);
            // A token of another realm is refused before the body's fields are read.
            UserModel reviewer = rest.approver();
            ObjectNode item = ReviewJson.write(reviews().decide(id, itemId, ReviewInputs.decision(input), reviewer, rest.actor()));
            rest.adminEvent(OperationType.ACTION, ResourceType.CUSTOM, item, "reviews", id, "items", itemId, "decision");
            return Rest.ok(item);
        });
    }

    @POST
    @Path("{id}/close")
    @Produces(MediaType.APPLICATION_JSON)
    public Response close(@PathParam("id") String id) {
        return rest.run(() -> {
            rest.requireManageUsers();
            ObjectNode review = ReviewJson.write(reviews().close(id, rest.actor()));
            rest.adminEvent(OperationType.ACTION, ResourceType.CUSTOM, review, "reviews", id, "close");
            return Rest.ok(review);
        });
    }
}
