package dev.partneraccess.rest;

import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.partneraccess.core.support.Json;
import dev.partneraccess.core.access.ServiceAccount;
import dev.partneraccess.core.partner.PartnerIntakeService;
import dev.partneraccess.core.partner.PartnerLifecycleService;
import dev.partneraccess.core.partner.RegisteredPartner;
import dev.partneraccess.core.support.JsonBody;
import dev.partneraccess.core.support.Paging;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** {@code /partners}: intake, profile, membership and status of partners. */
public final class PartnersResource {

    private final Rest rest;

    PartnersResource(Rest rest) {
        this.rest = rest;
    }

    @POST
    @Path("")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response create(String body) {
        return rest.run(() -> {
            rest.requireManageUsers();
            JsonBody input = JsonBody.parse(body);
            // Checked before the body's fields, as intake always has: without organizations no body can succeed.
            rest.partners().requireOrganizationsEnabled();
            ObjectNode partner = PartnerJson.write(intake().create(PartnerBodies.intake(input), rest.actor()));
            rest.adminEvent(OperationType.CREATE, ResourceType.ORGANIZATION, partner, "partners", partner.get("id").asText());
            return Rest.created(partner);
        });
    }

    @GET
    @Path("")
    @Produces(MediaType.APPLICATION_JSON)
    public Response list(@QueryParam("tier") String tier, @QueryParam("region") String region,
                         @QueryParam("status") String status, @QueryParam("first") String first,
                         @QueryParam("max") String max) {
        return rest.run(() -> {
            rest.requireViewUsers();
            ArrayNode partners = Json.array();
            rest.partners().list(tier, region, status, Paging.parse(first, max)).stream().map(PartnerJson::write)
                    .forEach(partners::add);
            return Rest.ok(partners);
        });
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response get(@PathParam("id") String id) {
        return rest.run(() -> {
            rest.requireViewUsers();
            return Rest.ok(PartnerJson.write(rest.partners().get(id)));
        });
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response update(@PathParam("id") String id, String body) {
        return rest.run(() -> {
            rest.requireManageUsers();
            JsonBody input = JsonBody.parse(body);
            // The order of the checks: an unknown partner, the body's unchangeable fields, an offboarded partner, a
            // realm without a policy, and only then the values of the changed fields.
            RegisteredPartner current = rest.partners().get(id);
            PartnerBodies.requireChangeableFields(input, PartnerJson.write(current));
            intake().requireChangeable(current.partner());
            intake().requirePolicy();
            ObjectNode partner = PartnerJson.write(intake().update(id, PartnerBodies.changes(input), rest.actor()));
            rest.adminEvent(OperationType.UPDATE, ResourceType.ORGANIZATION, partner, "partners", id);
            return Rest.ok(partner);
        });
    }

    @GET
    @Path("{id}/members")
    @Produces(MediaType.APPLICATION_JSON)
    public Response members(@PathParam("id") String id, @QueryParam("first") String first, @QueryParam("max") String max) {
        return rest.run(() -> {
            rest.requireViewUsers();
            ArrayNode members = Json.array();
            rest.access.partnerMembers(rest.realm).members(id, Paging.parse(first, max)).stream().map(PartnerJson::member)
                    .forEach(members::add);
            return Rest.ok(members);
        });
    }

    @POST
    @Path("{id}/members")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response addMember(@PathParam("id") String id, String body) {
        return rest.run(() -> {
            rest.requireManageUsers();
            JsonBody input = JsonBody.parse(body);
            rest.partners().partner(id);
            ObjectNode member = PartnerJson.member(rest.access.partnerMembers(rest.realm)
                    .addMember(id, PartnerBodies.newMember(input), rest.actor()));
            rest.adminEvent(OperationType.CREATE, ResourceType.ORGANIZATION_MEMBERSHIP, member, "partners", id,
                    "members", member.get("userId").asText());
            return Rest.created(member);
        });
    }

    @DELETE
    @Path("{id}/members/{userId}")
    public Response removeMember(@PathParam("id") String id, @PathParam("userId") String userId) {
        return rest.run(() -> {
            rest.requireManageUsers();
            rest.access.partnerMembers(rest.realm).removeMember(id, userId, rest.actor());
            rest.adminEvent(OperationType.DELETE, ResourceType.ORGANIZATION_MEMBERSHIP, null, "partners", id, "members", userId);
            return Response.noContent().build();
        });
    }

    @POST
    @Path("{id}/suspend")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response suspend(@PathParam("id") String id, String body) {
        return rest.run(() -> {
            rest.requireManageUsers();
            JsonBody input = JsonBody.parse(body);
            rest.partners().partner(id);
            return action(id, "suspend", lifecycle().suspend(id, PartnerBodies.reason(input), rest.actor()));
        });
    }

    @POST
    @Path("{id}/reactivate")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response reactivate(@PathParam("id") String id, String body) {
        return rest.run(() -> {
            rest.requireManageUsers();
            JsonBody input = JsonBody.parse(body);
            rest.partners().partner(id);
            return action(id, "reactivate", lifecycle().reactivate(id, PartnerBodies.reason(input), rest.actor()));
        });
    }

    @POST
    @Path("{id}/offboard")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response offboard(@PathParam("id") String id, String body) {
        return rest.run(() -> {
            rest.requireManageUsers();
            JsonBody input = JsonBody.parse(body);
            rest.partners().partner(id);
            return action(id, "offboard", lifecycle().offboard(id, PartnerBodies.reason(input), rest.actor()));
        });
    }

    @POST
    @Path("{id}/service-accounts")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response createServiceAccount(@PathParam("id") String id, String body) {
        return rest.run(() -> {
            rest.requireManageUsers();
            ServiceAccount account = rest.serviceAccounts().create(id,
                    ServiceAccountInputs.newServiceAccount(rest.session, rest.realm, id, JsonBody.parse(body)), rest.actor());
            rest.adminEvent(OperationType.CREATE, ResourceType.CLIENT, ServiceAccountJson.write(account), "partners", id,
                    "service-accounts", account.id());
            return Rest.created(ServiceAccountJson.withSecret(account));
        });
    }

    @GET
    @Path("{id}/service-accounts")
    @Produces(MediaType.APPLICATION_JSON)
    public Response serviceAccounts(@PathParam("id") String id) {
        return rest.run(() -> {
            rest.requireViewUsers();
            ArrayNode accounts = Json.array();
            rest.serviceAccounts().list(id).stream().map(ServiceAccountJson::write).forEach(accounts::add);
            return Rest.ok(accounts);
        });
    }

    private PartnerIntakeService intake() {
        return rest.access.partnerIntake(rest.realm);
    }

    private PartnerLifecycleService lifecycle() {
        return rest.access.partnerLifecycle(rest.realm);
    }

    private Response action(String id, String name, RegisteredPartner updated) {
        ObjectNode partner = PartnerJson.write(updated);
        rest.adminEvent(OperationType.ACTION, ResourceType.ORGANIZATION, partner, "partners", id, name);
        return Rest.ok(partner);
    }
}
