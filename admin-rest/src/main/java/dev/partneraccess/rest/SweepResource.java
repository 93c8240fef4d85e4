package dev.partneraccess.rest;

import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.partneraccess.core.access.ExpirySweep;
import dev.partneraccess.core.support.Refusal;
import dev.partneraccess.core.support.Json;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code POST /sweep}: runs this realm's expiry sweep now, in its own batch transactions, and answers what it did.
 * {@code maxBatches} stops it early (each kind of work after that many batches), as a crash between batches would.
 */
public final class SweepResource {

    private final Rest rest;

    SweepResource(Rest rest) {
        this.rest = rest;
    }

    private static int batches(String raw) {
        if (raw == null || raw.isBlank()) {
            return Integer.MAX_VALUE;
        }
        try {
            int value = Integer.parseInt(raw.strip());
            if (value >= 1) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw Refusal.invalid("maxBatches", "'maxBatches' must be a whole number of at least 1.");
    }

    @POST
    @Path("")
    @Produces(MediaType.APPLICATION_JSON)
    public Response sweep(@QueryParam("maxBatches") String maxBatches) {
        return rest.run(() -> {
            rest.requireManageUsers();
            int limit = batches(maxBatches);
            // The sweep comes with the server's batch size (--spi-partner-access--default--sweep-batch-size).
            ExpirySweep.Result result = rest.access.sweep().run(rest.realm.getId(), limit);
            ObjectNode body = Json.object();
            body.put("expired", result.expired());
            body.put("revoked", result.revoked());
            body.put("serviceAccountsDisabled", result.serviceAccountsDisabled());
            body.put("timedOut", result.timedOut());
            body.put("notices", result.notices());
            body.put("durationMs", result.durationMs());
            rest.adminEvent(OperationType.ACTION, ResourceType.CUSTOM, body, "sweep");
            return Rest.ok(body);
        });
    }
}
