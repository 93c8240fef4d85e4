package dev.partneraccess.rest;

import dev.partneraccess.core.access.PostureFigures;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** {@code /report}: the governance figures of the realm, computed now from the database. */
public final class ReportResource {

    private final Rest rest;

    ReportResource(Rest rest) {
        this.rest = rest;
    }

    @GET
    @Path("")
    @Produces(MediaType.APPLICATION_JSON)
    public Response report() {
        return rest.run(() -> {
            rest.requireViewUsers();
            PostureFigures report = rest.access.report(rest.realm).compute();
            rest.access.metrics().publish(rest.realm, report);
            return Rest.ok(ReportJson.write(report));
        });
    }
}
