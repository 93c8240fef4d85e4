package dev.partneraccess.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.partneraccess.core.partner.Partner;
import dev.partneraccess.core.partner.PartnerMember;
import dev.partneraccess.core.partner.RegisteredPartner;
import dev.partneraccess.core.support.Json;

/** A partner's and a member's representation in the REST API, and the partner in the self-service answer. */
final class PartnerJson {

    private PartnerJson() {
    }

    static ObjectNode write(RegisteredPartner registered) {
        Partner partner = registered.partner();
        ObjectNode json = Json.object();
        json.put("id", partner.id());
        json.put("name", partner.name());
        ArrayNode domains = json.putArray("domains");
        partner.domains().forEach(domains::add);
        json.put("tier", partner.tier());
        json.put("region", partner.region());
        json.put("status", partner.status() == null ? null : partner.status().name());
        json.put("businessOwner", partner.businessOwner());
        ArrayNode units = json.putArray("businessUnits");
        partner.businessUnits().forEach(units::add);
        json.put("idp", partner.idp());
        json.put("enforceIdp", partner.enforceIdp());
        json.put("memberCount", registered.memberCount());
        return json;
    }

    static ObjectNode member(PartnerMember member) {
        ObjectNode json = Json.object();
        json.put("userId", member.userId());
        json.put("username", member.username());
        json.put("email", member.email());
        json.put("businessUnit", member.businessUnit());
        return json;
    }

    /** The partner of {@code GET /me}: who it is and whether it may work, not its profile. */
    static void writeSummary(ObjectNode json, Partner partner) {
        json.put("id", partner.id());
        json.put("name", partner.name());
        json.put("tier", partner.tier());
        json.put("region", partner.region());
        json.put("status", partner.status() == null ? null : partner.status().name());
    }
}
