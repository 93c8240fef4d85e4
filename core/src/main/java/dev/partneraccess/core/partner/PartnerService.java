package dev.partneraccess.core.partner;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.organization.OrganizationProvider;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.partneraccess.core.policy.Policy;
import dev.partneraccess.core.spi.PartnerAccessProvider;
import dev.partneraccess.core.support.Json;
import dev.partneraccess.core.support.Paging;
import dev.partneraccess.core.support.Refusal;
import dev.partneraccess.core.support.TextRules;

/**
 * The partner registry, each partner a Keycloak Organization with a {@code partner.*} profile: its reads, and what
 * the services that change partners share (finding a partner, writing its profile, the sessions a lower tier ends).
 * Changes are made by {@link PartnerIntakeService} (intake and profile), {@link PartnerMembershipService},
 * {@link PartnerLifecycleService} (status) and {@link NativeEditService} (edits through Keycloak's own API). Every
 * input is checked before anything is written, and every change appends its evidence record in the same transaction.
 */
public final class PartnerService {

    public static final int NAME_MAX = 255;
    public static final int REASON_MAX = 2000;

    private final KeycloakSession session;
    private final RealmModel realm;
    private final PartnerAccessProvider access;

    /** Built by {@link PartnerAccessProvider#partners(RealmModel)}, once per session and realm. */
    public PartnerService(KeycloakSession session, RealmModel realm, PartnerAccessProvider access) {
        this.session = session;
        this.realm = realm;
        this.access = access;
    }

    OrganizationProvider organizations() {
        return session.getProvider(OrganizationProvider.class);
    }

    public void requireOrganizationsEnabled() {
        if (!realm.isOrganizationsEnabled()) {
            throw Refusal.conflict(null, "Organizations are not enabled in realm '" + realm.getName()
                    + "'. Enable them in the admin console (Realm settings > General > Organizations) or with"
                    + " 'kcadm.sh update realms/" + realm.getName() + " -s organizationsEnabled=true'.");
        }
    }

    // ---- reads ----------------------------------------------------------------------------------------------

    public List<RegisteredPartner> list(String tier, String region, String status, Paging paging) {
        Map<String, String> filter = new HashMap<>();
        putFilter(filter, PartnerAttributes.TIER, TextRules.filter("tier", tier));
        putFilter(filter, PartnerAttributes.REGION, TextRules.filter("region", region));
        String wanted = TextRules.filter("status", status);
        if (wanted != null && PartnerStatus.parse(wanted) == null) {
            throw Refusal.invalid("status", "'status' must be ACTIVE, SUSPENDED or OFFBOARDED.");
        }
        putFilter(filter, PartnerAttributes.STATUS, wanted);
        if (!realm.isOrganizationsEnabled()) {
            return List.of();
        }
        // Keycloak's attribute search narrows the candidates; the profile check below is what decides.
        return organizations().getAllStream(filter, null, null)
                .filter(Partner::isPartner)
                .filter(o -> filter.entrySet().stream().allMatch(f -> f.getValue().equals(Partner.first(o.getAttributes(), f.getKey()))))
                .sorted(Comparator.comparing(OrganizationModel::getName, String.CASE_INSENSITIVE_ORDER))
                .skip(paging.first())
                .limit(paging.max())
                .map(this::registered)
                .toList();
    }

    private static void putFilter(Map<String, String> filter, String attribute, String value) {
        if (value != null) {
            filter.put(attribute, value);
        }
    }

    public RegisteredPartner get(String id) {
        return registered(organization(id));
    }

    /** The partner's profile without its member count; refused as not found like {@link #get}. */
    public Partner partner(String id) {
        return Partner.of(organization(id));
    }

    RegisteredPartner registered(OrganizationModel organization) {
        return new RegisteredPartner(Partner.of(organization), organizations().getMembersCount(organization));
    }

    OrganizationModel organization(String id) {
        OrganizationModel organization = PartnerDirectory.organization(session, realm, id);
        if (!Partner.isPartner(organization)) {
            throw Refusal.notFound("Partner '" + id + "' does not exist in realm '" + realm.getName() + "'.");
        }
        return organization;
    }

    // ---- shared by the services that change partners ----------------------------------------------------------

    /**
     * Writes the attributes and answers the partner as written: within the same transaction Keycloak's organization
     * adapters may still show the attribute map they read first.
     */
    RegisteredPartner saveAttributes(OrganizationModel organization, Map<String, List<String>> attributes) {
        organization.setAttributes(attributes);
        // The profile as written, so that a later edit through Keycloak's own API is checked against it.
        access.profiles().record(realm.getId(), organization.getId(), organization.getName(), attributes);
        return new RegisteredPartner(Partner.of(organization, attributes), organizations().getMembersCount(organization));
    }

    /**
     * After a downgrade, the partner's users keep no session on a client the new tier may not use: refreshing runs no
     * login flow, so without this a user would keep refreshing into a client the gate now refuses. Their sessions on
     * other clients stay. The TIER_CHANGED details say which clients and how many client sessions.
     */
    void endSessionsAboveTier(OrganizationModel organization, Policy policy, String newTier, ObjectNode details) {
        SessionTerminator sessions = access.sessions(realm);
        int rank = policy.tier(newTier).map(Policy.Tier::rank).orElse(Integer.MIN_VALUE);
        Set<String> above = policy.tiers().stream().filter(t -> t.rank() > rank).map(Policy.Tier::name).collect(Collectors.toSet());
        // Keycloak allows no search by this attribute, so the realm's clients are read once; a downgrade is rare.
        Map<String, String> closed = new java.util.TreeMap<>();
        if (!above.isEmpty()) {
            session.clients().getClientsStream(realm)
                    .filter(client -> {
                        String minTier = client.getAttribute(PartnerAttributes.CLIENT_MIN_TIER);
                        return minTier != null && above.contains(minTier.strip());
                    })
                    .forEach(client -> closed.put(client.getId(), client.getClientId()));
        }
        int ended = 0;
        if (!closed.isEmpty()) {
            Set<String> uuids = closed.keySet();
            ended = organizations().getMembersStream(organization, (String) null, null, null, null).toList().stream()
                    .mapToInt(member -> sessions.endOnClients(member, uuids)).sum();
        }
        details.set("clientsNoLongerAllowed", Json.MAPPER.valueToTree(closed.values().stream().sorted().toList()));
        details.put("clientSessionsEnded", ended);
    }

    /**
     * The partner as its evidence records copy it ({@code PARTNER_CREATED}'s {@code partner}): the same fields, in the
     * same order, as the API's representation of a partner, and as fixed as every evidence format.
     */
    static ObjectNode evidence(RegisteredPartner registered) {
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
}
