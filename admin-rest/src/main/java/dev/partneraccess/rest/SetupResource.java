package dev.partneraccess.rest;

import java.util.List;

import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.partneraccess.core.support.Refusal;
import dev.partneraccess.core.support.Json;
import dev.partneraccess.core.support.JsonBody;
import dev.partneraccess.core.wiring.SetupResult;
import dev.partneraccess.core.wiring.WiringCheck;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code /setup}: whether the realm is wired so its policy cannot be bypassed ({@code GET}, needs {@code view-realm}),
 * and wiring it in one idempotent call ({@code POST}, needs {@code manage-realm}).
 */
public final class SetupResource {

    private final Rest rest;

    SetupResource(Rest rest) {
        this.rest = rest;
    }

    @GET
    @Path("")
    @Produces(MediaType.APPLICATION_JSON)
    public Response get() {
        return rest.run(() -> {
            rest.requireViewRealm();
            List<WiringCheck> checks = rest.wiring().check();
            ObjectNode body = Json.object();
            body.put("wired", checks.stream().allMatch(WiringCheck::ok));
            body.set("checks", checks(checks));
            return Rest.ok(body);
        });
    }

    /** Takes no input: the body may be empty or {@code {}}, so that {@code kcadm.sh create} can send one. */
    @POST
    @Path("")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response apply(String input) {
        return rest.run(() -> {
            rest.requireManageRealm();
            if (input != null && !input.isBlank()) {
                ObjectNode given = JsonBody.parse(input).node();
                if (given.size() > 0) {
                    throw Refusal.invalid(given.fieldNames().next(), "POST /setup takes no input: send no body, or {}.");
                }
            }
            SetupResult result = rest.wiring().apply(rest.actor());
            ObjectNode body = Json.object();
            ArrayNode changes = body.putArray("changes");
            result.changes().forEach(changes::add);
            body.set("checks", checks(result.checks()));
            if (!result.changes().isEmpty()) {
                rest.adminEvent(OperationType.ACTION, ResourceType.REALM, body, "setup");
            }
            return Rest.ok(body);
        });
    }

    static ArrayNode checks(List<WiringCheck> checks) {
        ArrayNode array = Json.array();
        for (WiringCheck check : checks) {
            ObjectNode node = array.addObject();
            node.put("name", check.name());
            node.put("ok", check.ok());
            node.put("detail", check.detail());
        }
        return array;
    }
}
