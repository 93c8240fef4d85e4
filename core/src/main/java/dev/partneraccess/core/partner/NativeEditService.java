package dev.partneraccess.core.partner;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.partneraccess.core.evidence.EvidenceLedger;
import dev.partneraccess.core.evidence.EvidenceType;
import dev.partneraccess.core.jpa.PartnerProfileStore;
import dev.partneraccess.core.policy.PolicyStore;
import dev.partneraccess.core.policy.StoredPolicy;
import dev.partneraccess.core.spi.PartnerAccessProvider;
import dev.partneraccess.core.support.Actor;
import dev.partneraccess.core.support.Json;

/** Edits of a partner's profile made through Keycloak's own organization API (its console, kcadm, its REST API). */
public final class NativeEditService {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final EvidenceLedger ledger;
    private final PolicyStore policies;

    private final PartnerAccessProvider access;

    /** Built by {@link PartnerAccessProvider#nativeEdits(RealmModel)}, once per session and realm. */
    public NativeEditService(KeycloakSession session, RealmModel realm, PartnerAccessProvider access) {
        this.session = session;
        this.realm = realm;
        this.access = access;
        this.ledger = access.ledger();
        this.policies = access.policies();
    }

    /**
     * Applies an edit of a partner's profile made through Keycloak's own organization API, already written to the
     * organization by Keycloak: an edit that breaks a rule ({@link ProfileRules}) is put back at once and recorded as
     * {@code PARTNER_CHANGE_REVERTED}; a valid one has the same effects and evidence as the same change through this
     * API (a status change as suspension, reactivation or offboarding, a tier change as {@code TIER_CHANGED} with
     * its sessions, a new owner taking over the owner stages). Answers whether the edit was reverted.
     */
    public boolean applyNativeEdit(OrganizationModel organization, Actor actor, ObjectNode via) {
        PartnerProfileStore profiles = access.profiles();
        Map<String, List<String>> after = partnerAttributes(organization.getAttributes());
        Optional<PartnerProfileStore.Recorded> recorded = profiles.locked(organization.getId());
        if (recorded.isEmpty()) {
            if (after.isEmpty()) {
                return false;
            }
            // Partner attributes on an organization that is no partner: partners are made through intake only.
            return revert(organization, Map.of(), after, new ProfileRules.Violation(after.keySet().iterator().next(),
                    "An organization becomes a partner only through intake (POST /partners), not by adding partner.* attributes."),
                    actor, via);
        }
        Map<String, List<String>> before = recorded.get().attributes();
        String name = recorded.get().name();
        boolean renamed = name != null && !name.equals(organization.getName());
        if (renamed) {
            // A partner's name is fixed at intake: the product's API refuses to change it, so Keycloak's may not either.
            String attempted = organization.getName();
            organization.setName(name);
            ObjectNode details = via.deepCopy();
            details.put("attribute", "name");
            details.put("reason", "A partner's name is fixed at intake.");
            details.putObject("attempted").putObject("name").put("old", name).put("new", attempted);
            ledger.append(realm.getId(), EvidenceType.PARTNER_CHANGE_REVERTED, actor, organization.getId(), organization.getId(), details);
        }
        if (before.equals(after)) {
            return renamed;
        }
        StoredPolicy policy = policies.current(realm).orElse(null);
        Optional<ProfileRules.Violation> violation = ProfileRules.check(before, after, policy == null ? null : policy.policy(),
                userId -> userId != null && session.users().getUserById(realm, userId) != null,
                alias -> session.identityProviders().getByAlias(alias) != null);
        if (violation.isPresent()) {
            return revert(organization, before, after, violation.get(), actor, via);
        }
        Partner old = Partner.of(organization, before);
        Partner now = Partner.of(organization, after);
        profiles.record(realm.getId(), organization.getId(), organization.getName(), after);
        String reason = "Changed through Keycloak's admin API.";
        if (now.status() != old.status()) {
            ObjectNode details = via.deepCopy();
            details.put("reason", reason);
            access.partnerLifecycle(realm).statusChanged(organization, old, now.status(), reason, actor, details);
            EvidenceType type = switch (now.status()) {
                case SUSPENDED -> EvidenceType.PARTNER_SUSPENDED;
                case ACTIVE -> EvidenceType.PARTNER_REACTIVATED;
                case OFFBOARDED -> EvidenceType.PARTNER_OFFBOARDED;
            };
            ledger.append(realm.getId(), type, actor, organization.getId(), organization.getId(), details);
        }
        if (!Objects.equals(now.tier(), old.tier())) {
            ObjectNode tierDetails = via.deepCopy();
            tierDetails.put("old", old.tier());
            tierDetails.put("new", now.tier());
            tierDetails.put("policyVersion", policy == null ? null : policy.version());
            if (policy != null) {
                access.partners(realm).endSessionsAboveTier(organization, policy.policy(), now.tier(), tierDetails);
            }
            ledger.append(realm.getId(), EvidenceType.TIER_CHANGED, actor, organization.getId(), organization.getId(), tierDetails);
        }
        if (!Objects.equals(now.businessOwner(), old.businessOwner())) {
            via.put("ownerStagesReassigned", access.requests(realm).reassignOwnerStages(organization.getId(), old.businessOwner(), now.businessOwner()));
        }
        return false;
    }

    private boolean revert(OrganizationModel organization, Map<String, List<String>> before, Map<String, List<String>> after,
                           ProfileRules.Violation violation, Actor actor, ObjectNode via) {
        Map<String, List<String>> restored = new HashMap<>(organization.getAttributes());
        restored.keySet().removeIf(name -> name.startsWith("partner."));
        restored.putAll(before);
        organization.setAttributes(restored);
        ObjectNode details = via.deepCopy();
        details.put("attribute", violation.attribute());
        details.put("reason", violation.reason());
        ObjectNode attempted = details.putObject("attempted");
        java.util.TreeSet<String> names = new java.util.TreeSet<>(before.keySet());
        names.addAll(after.keySet());
        for (String name : names) {
            if (!Objects.equals(before.get(name), after.get(name))) {
                ObjectNode change = attempted.putObject(name);
                change.set("old", Json.MAPPER.valueToTree(before.get(name)));
                change.set("new", Json.MAPPER.valueToTree(after.get(name)));
            }
        }
        ledger.append(realm.getId(), EvidenceType.PARTNER_CHANGE_REVERTED, actor, organization.getId(),
                before.isEmpty() ? null : organization.getId(), details);
        return true;
    }

    private static Map<String, List<String>> partnerAttributes(Map<String, List<String>> attributes) {
        Map<String, List<String>> partner = new java.util.TreeMap<>();
        attributes.forEach((name, values) -> {
            if (name.startsWith("partner.")) {
                partner.put(name, List.copyOf(values));
            }
        });
        return partner;
    }
}
