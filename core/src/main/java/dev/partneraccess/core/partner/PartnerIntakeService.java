package dev.partneraccess.core.partner;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelDuplicateException;
import org.keycloak.models.ModelValidationException;
import org.keycloak.models.OrganizationDomainModel;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.organization.OrganizationProvider;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.partneraccess.core.evidence.EvidenceLedger;
import dev.partneraccess.core.evidence.EvidenceType;
import dev.partneraccess.core.policy.PolicyStore;
import dev.partneraccess.core.policy.StoredPolicy;
import dev.partneraccess.core.spi.PartnerAccessProvider;
import dev.partneraccess.core.support.Actor;
import dev.partneraccess.core.support.Json;
import dev.partneraccess.core.support.Refusal;

/** Partner intake and profile changes, checked against the realm and the policy before anything is written. */
public final class PartnerIntakeService {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final EvidenceLedger ledger;
    private final PolicyStore policies;
    private final PartnerInputs inputs;

    private final PartnerAccessProvider access;

    /** Built by {@link PartnerAccessProvider#partnerIntake(RealmModel)}, once per session and realm. */
    public PartnerIntakeService(KeycloakSession session, RealmModel realm, PartnerAccessProvider access) {
        this.session = session;
        this.realm = realm;
        this.access = access;
        this.ledger = access.ledger();
        this.policies = access.policies();
        this.inputs = new PartnerInputs(session, realm, policies);
    }

    private OrganizationProvider organizations() {
        return session.getProvider(OrganizationProvider.class);
    }

    private PartnerService registry() {
        return access.partners(realm);
    }

    public RegisteredPartner create(PartnerIntake intake, Actor actor) {
        registry().requireOrganizationsEnabled();
        String name = intake.name();
        Optional<OrganizationModel> sameName = inputs.findByName(name);
        if (sameName.isPresent()) {
            throw Refusal.conflict("name", "'" + name + "' is the name of " + (Partner.isPartner(sameName.get())
                    ? "partner" : "organization") + " '" + sameName.get().getName() + "' (" + sameName.get().getId()
                    + "); names are compared ignoring case, width and spacing.");
        }
        List<String> domains = inputs.domains(intake.domains());
        StoredPolicy policy = inputs.requirePolicy();
        String tier = PartnerInputs.tier(intake.tier(), policy.policy());
        String region = intake.region();
        String owner = inputs.businessOwner(intake.businessOwner());
        List<String> units = intake.businessUnits();
        IdentityProviderModel idp = inputs.identityProvider(intake.idp(), null);
        boolean enforceIdp = intake.enforceIdp();
        if (enforceIdp && idp == null) {
            throw Refusal.invalid("enforceIdp", "'enforceIdp' needs 'idp', the identity provider to enforce.");
        }

        OrganizationModel organization;
        try {
            organization = organizations().create(name, inputs.uniqueAlias(name));
            organization.setDomains(domains.stream().map(d -> new OrganizationDomainModel(d, false)).collect(Collectors.toSet()));
        } catch (ModelDuplicateException e) {
            throw Refusal.conflict("name", e.getMessage());
        } catch (ModelValidationException e) {
            throw Refusal.invalid("domains", e.getMessage());
        }
        Map<String, List<String>> attributes = new HashMap<>();
        attributes.put(PartnerAttributes.TIER, List.of(tier));
        attributes.put(PartnerAttributes.REGION, List.of(region));
        attributes.put(PartnerAttributes.STATUS, List.of(PartnerStatus.ACTIVE.name()));
        attributes.put(PartnerAttributes.BUSINESS_OWNER, List.of(owner));
        if (!units.isEmpty()) {
            attributes.put(PartnerAttributes.BUSINESS_UNITS, units);
        }
        if (idp != null) {
            attributes.put(PartnerAttributes.IDP, List.of(idp.getAlias()));
            inputs.linkIdentityProvider(organization, idp);
        }
        attributes.put(PartnerAttributes.ENFORCE_IDP, List.of(Boolean.toString(enforceIdp)));
        RegisteredPartner created = registry().saveAttributes(organization, attributes);
        ObjectNode details = Json.object();
        details.set("partner", PartnerService.evidence(created));
        if (idp != null) {
            wireIdentityProvider(details);
        }
        details.put("policyVersion", policy.version());
        ledger.append(realm.getId(), EvidenceType.PARTNER_CREATED, actor, organization.getId(), organization.getId(), details);
        return created;
    }

    /**
     * The partner's profile may still change: an offboarded partner's may not. Checked by {@link #update} too; a caller
     * that reads the change after this check asks it first, so the conflict comes before the change's own faults.
     */
    public void requireChangeable(Partner partner) {
        if (partner.status() == PartnerStatus.OFFBOARDED) {
            throw Refusal.conflict("status", "Partner '" + partner.name() + "' is offboarded; its profile can no longer change.");
        }
    }

    /**
     * The realm's current policy, which defines the tiers a change is checked against; refused as a conflict on
     * {@code tier} when the realm has none yet. Asked by {@link #update} too, right after {@link #requireChangeable}.
     */
    public StoredPolicy requirePolicy() {
        return inputs.requirePolicy();
    }

    public RegisteredPartner update(String id, PartnerChanges change, Actor actor) {
        PartnerService registry = registry();
        OrganizationModel organization = registry.organization(id);
        Partner before = Partner.of(organization);
        RegisteredPartner current = registry.registered(organization);
        requireChangeable(before);
        StoredPolicy policy = inputs.requirePolicy();
        String tier = change.tier().given() ? PartnerInputs.tier(change.tier().value(), policy.policy()) : before.tier();
        String region = change.region().or(before.region());
        String owner = change.businessOwner().given() ? inputs.businessOwner(change.businessOwner().value()) : before.businessOwner();
        List<String> units = change.businessUnits().or(before.businessUnits());
        IdentityProviderModel idp = change.idp().given()
                ? inputs.identityProvider(change.idp().value(), organization)
                : before.idp() == null ? null : session.identityProviders().getByAlias(before.idp());
        String idpAlias = change.idp().given() ? (idp == null ? null : idp.getAlias()) : before.idp();
        boolean enforceIdp = change.enforceIdp().or(before.enforceIdp());
        if (enforceIdp && idpAlias == null) {
            throw Refusal.invalid(change.idp().given() ? "idp" : "enforceIdp",
                    "'enforceIdp' is true, so the partner needs 'idp', the identity provider to enforce.");
        }

        Map<String, Object[]> changes = new LinkedHashMap<>();
        diff(changes, "tier", before.tier(), tier);
        diff(changes, "region", before.region(), region);
        diff(changes, "businessOwner", before.businessOwner(), owner);
        diff(changes, "businessUnits", before.businessUnits(), units);
        diff(changes, "idp", before.idp(), idpAlias);
        diff(changes, "enforceIdp", before.enforceIdp(), enforceIdp);
        if (changes.isEmpty()) {
            return current;
        }

        if (changes.containsKey("idp")) {
            if (before.idp() != null) {
                IdentityProviderModel old = session.identityProviders().getByAlias(before.idp());
                if (old != null) {
                    organizations().removeIdentityProvider(organization, old);
                }
            }
            if (idp != null) {
                inputs.linkIdentityProvider(organization, idp);
            }
        }
        Map<String, List<String>> attributes = new HashMap<>(organization.getAttributes());
        attributes.put(PartnerAttributes.TIER, List.of(tier));
        attributes.put(PartnerAttributes.REGION, List.of(region));
        attributes.put(PartnerAttributes.BUSINESS_OWNER, List.of(owner));
        if (units.isEmpty()) {
            attributes.remove(PartnerAttributes.BUSINESS_UNITS);
        } else {
            attributes.put(PartnerAttributes.BUSINESS_UNITS, units);
        }
        if (idpAlias == null) {
            attributes.remove(PartnerAttributes.IDP);
        } else {
            attributes.put(PartnerAttributes.IDP, List.of(idpAlias));
        }
        attributes.put(PartnerAttributes.ENFORCE_IDP, List.of(Boolean.toString(enforceIdp)));
        RegisteredPartner updated = registry.saveAttributes(organization, attributes);

        ObjectNode details = Json.object();
        ObjectNode changed = details.putObject("changes");
        changes.forEach((field, values) -> {
            ObjectNode entry = changed.putObject(field);
            entry.set("old", Json.MAPPER.valueToTree(values[0]));
            entry.set("new", Json.MAPPER.valueToTree(values[1]));
        });
        if (changes.containsKey("idp") && idp != null) {
            wireIdentityProvider(details);
        }
        if (changes.containsKey("businessOwner")) {
            // Pending owner stages follow the owner: the new one decides them, the old one no longer can.
            details.put("ownerStagesReassigned", access.requests(realm).reassignOwnerStages(id, before.businessOwner(), owner));
        }
        details.put("policyVersion", policy.version());
        ledger.append(realm.getId(), EvidenceType.PARTNER_UPDATED, actor, id, id, details);
        if (changes.containsKey("tier")) {
            ObjectNode tierDetails = Json.object();
            tierDetails.put("old", before.tier());
            tierDetails.put("new", tier);
            tierDetails.put("policyVersion", policy.version());
            registry.endSessionsAboveTier(organization, policy.policy(), tier, tierDetails);
            ledger.append(realm.getId(), EvidenceType.TIER_CHANGED, actor, id, id, tierDetails);
        }
        return updated;
    }

    /**
     * A login through the partner's identity provider runs its post-broker-login flow, not the browser flow: linking
     * the provider wires the gate there at once (as setup does), so a suspended partner's users cannot get in through
     * it. What changed goes into the evidence details.
     */
    private void wireIdentityProvider(ObjectNode details) {
        List<String> wired = access.wiring(realm).wireBrokerFlows();
        if (!wired.isEmpty()) {
            wired.forEach(details.putArray("wiring")::add);
        }
    }

    private static void diff(Map<String, Object[]> changes, String field, Object before, Object after) {
        if (!Objects.equals(before, after)) {
            changes.put(field, new Object[] {before, after});
        }
    }
}
