package dev.partneraccess.rest;

import java.util.Optional;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.managers.AppAuthManager;
import org.keycloak.services.managers.AuthenticationManager;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.partneraccess.core.access.Delegation;
import dev.partneraccess.core.access.Grant;
import dev.partneraccess.core.access.GrantService;
import dev.partneraccess.core.access.RequestService;
import dev.partneraccess.core.partner.Partner;
import dev.partneraccess.core.partner.PartnerAttributes;
import dev.partneraccess.core.partner.PartnerDirectory;
import dev.partneraccess.core.policy.StoredPolicy;
import dev.partneraccess.core.spi.PartnerAccessProvider;
import dev.partneraccess.core.support.Actor;
import dev.partneraccess.core.support.Refusal;
import dev.partneraccess.core.support.Json;
import dev.partneraccess.core.support.JsonBody;
import dev.partneraccess.core.support.Paging;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code /realms/{realm}/partner-access}: a partner user's own view, with the user's bearer token. {@code GET /me}
 * answers the user's profile and partner, current grants and requests; {@code POST /me/requests} asks for access
 * for oneself under the same rules as an admin's request, {@code POST /me/grants/{id}/renew} asks for a renewal of
 * one's own grant. {@code /console/} serves the web console.
 */
public final class SelfServiceResource {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final PartnerAccessProvider access;

    SelfServiceResource(KeycloakSession session) {
        this.session = session;
        this.realm = session.getContext().getRealm();
        this.access = session.getProvider(PartnerAccessProvider.class);
    }

    @GET
    @Path("me")
    @Produces(MediaType.APPLICATION_JSON)
    public Response me() {
        return run(user -> {
            GrantService grants = grants();
            RequestService requests = requests();
            ObjectNode me = Json.object();
            ObjectNode profile = me.putObject("user");
            profile.put("id", user.getId());
            profile.put("username", user.getUsername());
            profile.put("email", user.getEmail());
            profile.put("businessUnit", user.getFirstAttribute(PartnerAttributes.MEMBER_BUSINESS_UNIT));
            Optional<Partner> partner = PartnerDirectory.partnerOf(session, realm, user);
            if (partner.isPresent()) {
                PartnerJson.writeSummary(me.putObject("partner"), partner.get());
            } else {
                me.putNull("partner");
            }
            ArrayNode grantList = me.putArray("grants");
            grants.current(user.getId()).stream().map(GrantJson::write).forEach(grantList::add);
            ArrayNode requestList = me.putArray("requests");
            requests.withApprovers(requests.ofUser(user.getId(), new Paging(0, Paging.DEFAULT_MAX))).stream()
                    .map(RequestJson::write).forEach(requestList::add);
            me.set("programmes", Programmes.allowed(access.policies().current(realm).map(StoredPolicy::policy).orElse(null),
                    partner.orElse(null)));
            return Rest.ok(me);
        });
    }

    /** The content packages the caller may view now, as Keycloak's {@code partner-access-content} policy decides. */
    @GET
    @Path("me/content")
    @Produces(MediaType.APPLICATION_JSON)
    public Response content() {
        return run(user -> {
            ArrayNode list = Json.array();
            access.contents(realm).viewableBy(user, Paging.LIMIT).stream().map(ContentJson::writeViewable).forEach(list::add);
            return Rest.ok(list);
        });
    }

    @POST
    @Path("me/requests")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response request(String body) {
        return run(user -> {
            if (user.getServiceAccountClientLink() != null) {
                // A partner integration is governed by people: its access is asked for by an admin, with the extra
                // non-human stages, never by the integration itself.
                throw Refusal.forbidden("A service account cannot request access for itself; an admin asks for it"
                        + " with POST /admin/realms/" + realm.getName() + "/partner-access/requests.");
            }
            RequestService requests = requests();
            return Rest.created(RequestJson.write(requests.create(RequestInputs.newRequest(JsonBody.parse(body), true, user.getId()),
                    new Actor(user.getId(), user.getUsername()), true)));
        });
    }

    /**
     * Asks for more time on one of one's own grants: the same {@code RENEWAL} request, decided by the partner's
     * business owner, with the same evidence, as an admin's {@code POST /grants/{id}/renew}.
     */
    @POST
    @Path("me/grants/{id}/renew")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response renew(@PathParam("id") String id, String body) {
        return run(user -> {
            GrantService grants = grants();
            // A grant that does not exist and someone else's grant get the same answer: ids are not to be probed.
            Refusal notYours = Refusal.notFound("You hold no grant '" + id + "'.");
            Grant grant;
            try {
                grant = grants.get(id);
            } catch (Refusal missing) {
                throw notYours;
            }
            if (!user.getId().equals(grant.userId())) {
                throw notYours;
            }
            return Rest.created(RequestJson.write(requests().renew(id, RequestInputs.grantRenewal(JsonBody.parse(body)),
                    new Actor(user.getId(), user.getUsername()))));
        });
    }

    /** The caller's running delegation of their approvals: {@code {"to","toUsername","until"}}, or 404. */
    @GET
    @Path("me/delegation")
    @Produces(MediaType.APPLICATION_JSON)
    public Response delegation() {
        return run(user -> Rest.ok(delegationJson(access.delegations(realm).of(user).orElseThrow(() ->
                Refusal.notFound("You have no running delegation.")))));
    }

    /**
     * Lets another user decide, until a date, the stages the caller may decide: {@code {"to":"<user id>","until":"<ISO>"}},
     * at most 90 days ahead; replaces the caller's delegation, if any.
     */
    @PUT
    @Path("me/delegation")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response delegate(String body) {
        return run(user -> {
            JsonBody input = JsonBody.parse(body);
            input.allowOnly("to", "until");
            String to = input.requiredString("to", 36);
            long until = Json.parseIsoTime(input.requiredString("until", 64), "until");
            return Rest.ok(delegationJson(access.delegations(realm).delegate(user, to, until,
                    new Actor(user.getId(), user.getUsername()))));
        });
    }

    /** Ends the caller's delegation at once. */
    @DELETE
    @Path("me/delegation")
    public Response endDelegation() {
        return run(user -> {
            access.delegations(realm).end(user, new Actor(user.getId(), user.getUsername()));
            return Response.noContent().build();
        });
    }

    private ObjectNode delegationJson(Delegation delegation) {
        ObjectNode json = Json.object();
        json.put("to", delegation.toUserId());
        UserModel delegate = session.users().getUserById(realm, delegation.toUserId());
        json.put("toUsername", delegate == null ? null : delegate.getUsername());
        json.put("until", Json.isoTime(delegation.until()));
        return json;
    }

    /** The web console's files and its single-page routes. */
    @Path("console")
    public ConsoleResource console() {
        return new ConsoleResource(session, realm);
    }

    private GrantService grants() {
        return access.grants(realm);
    }

    private RequestService requests() {
        return access.requests(realm);
    }

    private Response run(java.util.function.Function<UserModel, Response> action) {
        AuthenticationManager.AuthResult auth = new AppAuthManager.BearerTokenAuthenticator(session).authenticate();
        if (auth == null || auth.user() == null) {
            return Rest.error(401, "unauthorized", "A bearer token of a user of realm '" + realm.getName()
                    + "' is required.", null);
        }
        try {
            return action.apply(auth.user());
        } catch (Refusal e) {
            return Rest.refuse(session, e);
        }
    }
}
