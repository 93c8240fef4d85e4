package dev.partneraccess.rest;

import dev.partneraccess.core.policy.StoredPolicy;
import dev.partneraccess.core.support.Refusal;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** {@code /reconciliation}: governed roles held without an active grant, however they got there. */
public final class ReconciliationResource {

    private final Rest rest;

    ReconciliationResource(Rest rest) {
        this.rest = rest;
    }

    @GET
    @Path("")
    @Produces(MediaType.APPLICATION_JSON)
    public Response report() {
        return rest.run(() -> {
            rest.requireViewUsers();
            StoredPolicy policy = rest.policies().current(rest.realm).orElseThrow(() ->
                    Refusal.notFound("This realm has no partner access policy yet."));
            return Rest.ok(ReconciliationJson.write(rest.access.reconciliation(rest.realm).report(policy.policy())));
        });
    }
}
