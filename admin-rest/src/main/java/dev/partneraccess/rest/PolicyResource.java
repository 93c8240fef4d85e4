package dev.partneraccess.rest;

import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.partneraccess.core.policy.StoredPolicy;
import dev.partneraccess.core.support.Refusal;
import dev.partneraccess.core.support.JsonBody;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** {@code /policy}: the realm's versioned policy document. */
public final class PolicyResource {

    static final int MAX_POLICY_BYTES = 256 * 1024;

    private final Rest rest;

    PolicyResource(Rest rest) {
        this.rest = rest;
    }

    @GET
    @Path("")
    @Produces(MediaType.APPLICATION_JSON)
    public Response get() {
        return rest.run(() -> {
            rest.requireViewUsers();
            StoredPolicy policy = rest.policies().current(rest.realm).orElseThrow(() -> Refusal.notFound(
                    "Realm '" + rest.realm.getName() + "' has no partner policy yet; PUT /policy sets the first version."));
            return Rest.ok(PolicyJson.write(policy));
        });
    }

    @PUT
    @Path("")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response put(String body) {
        return rest.run(() -> {
            rest.requireManageRealm();
            ObjectNode document = JsonBody.parseObject(body, MAX_POLICY_BYTES);
            ObjectNode saved = PolicyJson.write(rest.policies().save(rest.realm, document, rest.actor()));
            rest.adminEvent(OperationType.UPDATE, ResourceType.REALM, saved, "policy");
            return Rest.ok(saved);
        });
    }
}
