package dev.partneraccess.rest;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.partneraccess.core.partner.NewMember;
import dev.partneraccess.core.partner.PartnerChanges;
import dev.partneraccess.core.partner.PartnerChanges.Field;
import dev.partneraccess.core.partner.PartnerIntake;
import dev.partneraccess.core.partner.PartnerService;
import dev.partneraccess.core.support.Json;
import dev.partneraccess.core.support.JsonBody;
import dev.partneraccess.core.support.Refusal;

/**
 * The request bodies of {@code /partners}, read strictly into the services' inputs: unknown fields, wrong types,
 * missing or oversized values are refused here, naming the field; what needs the realm or the policy (a taken name or
 * domain, a tier, a user, an identity provider) is checked by the services.
 */
final class PartnerBodies {

    private static final List<String> INTAKE_FIELDS = List.of("name", "domains", "tier", "region", "businessOwner",
            "businessUnits", "idp", "enforceIdp");
    private static final Set<String> UPDATABLE = Set.of("tier", "region", "businessOwner", "businessUnits", "idp",
            "enforceIdp");
    private static final Map<String, String> READ_ONLY = Map.of(
            "id", "A partner's id cannot change.",
            "name", "A partner's name is fixed at intake.",
            "domains", "A partner's domains are fixed at intake.",
            "status", "Use POST /partners/{id}/suspend, /reactivate or /offboard to change the status.",
            "memberCount", "Use the /members endpoints to change membership.");

    private PartnerBodies() {
    }

    static PartnerIntake intake(JsonBody body) {
        body.allowOnly(INTAKE_FIELDS.toArray(String[]::new));
        String name = body.requiredString("name", PartnerService.NAME_MAX);
        List<String> domains = body.optionalStringList("domains", 50, 253);
        if (domains == null || domains.isEmpty()) {
            // Before the other fields, as ever: a partner is known by its domains first.
            throw Refusal.invalid("domains", PartnerIntake.NO_DOMAIN);
        }
        String tier = body.requiredString("tier", 64);
        String region = body.requiredString("region", 64);
        String owner = body.requiredString("businessOwner", 36);
        List<String> units = Optional.ofNullable(body.optionalStringList("businessUnits", 100, 64)).orElse(List.of());
        String idp = body.optionalString("idp", 255);
        boolean enforceIdp = Boolean.TRUE.equals(body.optionalBoolean("enforceIdp"));
        return new PartnerIntake(name, domains, tier, region, owner, units, idp, enforceIdp);
    }

    /**
     * Refuses, in the body's order, an unknown field, and a read-only one whose value differs from the partner's
     * {@code current} representation: a client may send back what it read, with only the changeable fields changed.
     */
    static void requireChangeableFields(JsonBody body, ObjectNode current) {
        body.node().fieldNames().forEachRemaining(field -> {
            if (READ_ONLY.containsKey(field)) {
                if (!Json.write(body.node().get(field)).equals(Json.write(current.get(field)))) {
                    throw Refusal.invalid(field, READ_ONLY.get(field));
                }
            } else if (!UPDATABLE.contains(field)) {
                throw Refusal.invalid(field, "Unknown field '" + field + "'. Changeable fields: tier, region,"
                        + " businessOwner, businessUnits, idp, enforceIdp.");
            }
        });
    }

    /** A partial change: a field left out stays as it is; {@code "idp": null} removes the identity provider. */
    static PartnerChanges changes(JsonBody body) {
        Field<String> tier = body.has("tier") ? Field.of(body.requiredString("tier", 64)) : Field.absent();
        Field<String> region = body.has("region") ? Field.of(body.requiredString("region", 64)) : Field.absent();
        Field<String> owner = body.has("businessOwner") ? Field.of(body.requiredString("businessOwner", 36)) : Field.absent();
        Field<List<String>> units = body.has("businessUnits")
                ? Field.of(Optional.ofNullable(body.optionalStringList("businessUnits", 100, 64)).orElse(List.of()))
                : Field.absent();
        Field<String> idp = body.has("idp") ? Field.of(body.optionalString("idp", 255)) : Field.absent();
        Boolean enforce = body.optionalBoolean("enforceIdp");
        if (body.has("enforceIdp") && enforce == null) {
            throw Refusal.invalid("enforceIdp", "'enforceIdp' must be true or false.");
        }
        Field<Boolean> enforceIdp = enforce != null ? Field.of(enforce) : Field.absent();
        return new PartnerChanges(tier, region, owner, units, idp, enforceIdp);
    }

    static NewMember newMember(JsonBody body) {
        body.allowOnly("username", "userId", "businessUnit");
        String username = body.optionalString("username", 255);
        String userId = body.optionalString("userId", 36);
        if ((username == null) == (userId == null)) {
            throw Refusal.invalid("username", "Give exactly one of 'username' or 'userId'.");
        }
        return new NewMember(username, userId, body.optionalString("businessUnit", 64));
    }

    /** The reason of a suspension, reactivation or offboarding: free text, required. */
    static String reason(JsonBody body) {
        body.allowOnly("reason");
        return body.requiredText("reason", PartnerService.REASON_MAX);
    }
}
