package dev.partneraccess.rest;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.partneraccess.core.partner.Partner;
import dev.partneraccess.core.partner.PartnerDirectory;

/**
 * What an approver needs to decide a request in the inbox without any admin role: the partner's name, tier and
 * region, the beneficiary's username and who decided the earlier stages. Added to the request's own fields.
 */
final class InboxView {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final Map<String, Optional<Partner>> partners = new HashMap<>();
    private final Map<String, String> usernames = new HashMap<>();

    InboxView(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    ObjectNode describe(ObjectNode request) {
        Optional<Partner> partner = partners.computeIfAbsent(request.path("partner").asText(""),
                id -> id.isEmpty() ? Optional.empty() : PartnerDirectory.byId(session, realm, id));
        request.put("partnerName", partner.map(Partner::name).orElse(null));
        request.put("partnerTier", partner.map(Partner::tier).orElse(null));
        request.put("partnerRegion", partner.map(Partner::region).orElse(null));
        request.put("username", username(request.path("user").asText(null)));
        request.put("createdByUsername", username(request.path("createdBy").asText(null)));
        for (JsonNode stage : request.path("stages")) {
            ((ObjectNode) stage).put("decidedByUsername", username(stage.path("decidedBy").asText(null)));
        }
        return request;
    }

    private String username(String userId) {
        if (userId == null || userId.isEmpty()) {
            return null;
        }
        return usernames.computeIfAbsent(userId, id -> {
            UserModel user = session.users().getUserById(realm, id);
            return user == null ? null : user.getUsername();
        });
    }
}
