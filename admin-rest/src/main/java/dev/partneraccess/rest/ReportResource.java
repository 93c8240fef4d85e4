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
            com.fasterxml.jackson.databind.node.ObjectNode json = ReportJson.write(report);
            long[] content = rest.access.contents(rest.realm).figures();
            com.fasterxml.jackson.databind.node.ObjectNode figures = json.putObject("content");
            figures.put("released", content[0]);
            figures.put("inReview", content[1]);
            figures.put("expiringIn7Days", content[2]);
            return Rest.ok(json);
        });
    }
}
