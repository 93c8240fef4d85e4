package dev.partneraccess.core.partner;

import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelDuplicateException;
import org.keycloak.models.ModelValidationException;
import org.keycloak.models.OrganizationDomainModel;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.organization.OrganizationProvider;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.partneraccess.core.access.GrantService;
import dev.partneraccess.core.access.RequestService;
import dev.partneraccess.core.access.ServiceAccountService;
import dev.partneraccess.core.evidence.EvidenceLedger;
import dev.partneraccess.core.evidence.EvidenceType;
import dev.partneraccess.core.jpa.PartnerProfileStore;
import dev.partneraccess.core.policy.Policy;
import dev.partneraccess.core.policy.PolicyStore;
import dev.partneraccess.core.policy.StoredPolicy;
import dev.partneraccess.core.spi.PartnerAccessProvider;
import dev.partneraccess.core.support.Actor;
import dev.partneraccess.core.support.Refusal;
import dev.partneraccess.core.support.Json;
import dev.partneraccess.core.support.JsonBody;
import dev.partneraccess.core.support.Paging;
import dev.partneraccess.core.support.TextRules;

/**
 * The partner registry: intake, profile changes, membership and status of partners, each a Keycloak Organization
 * with a {@code partner.*} profile. Every input is checked before anything is written, and every change appends its
 * evidence record in the same transaction.
 */
public final class PartnerService {

    public static final int NAME_MAX = 255;
    public static final int REASON_MAX = 2000;
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

    private final KeycloakSession session;
    private final RealmModel realm;
    private final EvidenceLedger ledger;
    private final PolicyStore policies;
    private final SessionTerminator sessions;
    private final GrantService grants;
    private final RequestService requests;
    private final ServiceAccountService serviceAccounts;
    private final PartnerInputs inputs;

    private final PartnerAccessProvider access;

    /** Built by {@link PartnerAccessProvider#partners(RealmModel)}, once per session and realm. */
    public PartnerService(KeycloakSession session, RealmModel realm, PartnerAccessProvider access) {
        this.session = session;
        this.realm = realm;
        this.access = access;
        this.ledger = access.ledger();
        this.policies = access.policies();
        this.sessions = access.sessions(realm);
        this.grants = access.grants(realm);
        this.requests = access.requests(realm);
        this.serviceAccounts = access.serviceAccounts(realm);
        this.inputs = new PartnerInputs(session, realm, policies);
    }

    private OrganizationProvider organizations() {
        return session.getProvider(OrganizationProvider.class);
    }

    private void requireOrganizationsEnabled() {
        if (!realm.isOrganizationsEnabled()) {
            throw Refusal.conflict(null, "Organizations are not enabled in realm '" + realm.getName()
                    + "'. Enable them in the admin console (Realm settings > General > Organizations) or with"
                    + " 'kcadm.sh update realms/" + realm.getName() + " -s organizationsEnabled=true'.");
        }
    }

    // ---- reads ----------------------------------------------------------------------------------------------

    public List<ObjectNode> list(String tier, String region, String status, Paging paging) {
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
                .map(this::toJson)
                .toList();
    }

    private static void putFilter(Map<String, String> filter, String attribute, String value) {
        if (value != null) {
            filter.put(attribute, value);
        }
    }

    public ObjectNode get(String id) {
        return toJson(organization(id));
    }

    private ObjectNode toJson(OrganizationModel organization) {
        return Partner.of(organization).toJson(organizations().getMembersCount(organization));
    }

    private OrganizationModel organization(String id) {
        OrganizationModel organization = PartnerDirectory.organization(session, realm, id);
        if (!Partner.isPartner(organization)) {
            throw Refusal.notFound("Partner '" + id + "' does not exist in realm '" + realm.getName() + "'.");
        }
        return organization;
    }

    // ---- intake and profile changes ------------------------------------------------------------------------

    public ObjectNode create(JsonBody body, Actor actor) {
        requireOrganizationsEnabled();
        body.allowOnly(INTAKE_FIELDS.toArray(String[]::new));
        String name = body.requiredString("name", NAME_MAX);
        Optional<OrganizationModel> sameName = inputs.findByName(name);
        if (sameName.isPresent()) {
            throw Refusal.conflict("name", "'" + name + "' is the name of " + (Partner.isPartner(sameName.get())
                    ? "partner" : "organization") + " '" + sameName.get().getName() + "' (" + sameName.get().getId()
                    + "); names are compared ignoring case, width and spacing.");
        }
        List<String> domains = inputs.domains(body);
        StoredPolicy policy = inputs.requirePolicy();
        String tier = PartnerInputs.tier(body.requiredString("tier", 64), policy.policy());
        String region = body.requiredString("region", 64);
        String owner = inputs.businessOwner(body.requiredString("businessOwner", 36));
        List<String> units = Optional.ofNullable(body.optionalStringList("businessUnits", 100, 64)).orElse(List.of());
        IdentityProviderModel idp = inputs.identityProvider(body.optionalString("idp", 255), null);
        boolean enforceIdp = Boolean.TRUE.equals(body.optionalBoolean("enforceIdp"));
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
        ObjectNode json = saveAttributes(organization, attributes);
        ObjectNode details = Json.object();
        details.set("partner", json.deepCopy());
        if (idp != null) {
            wireIdentityProvider(details);
        }
        details.put("policyVersion", policy.version());
        ledger.append(realm.getId(), EvidenceType.PARTNER_CREATED, actor, organization.getId(), organization.getId(), details);
        return json;
    }

    public ObjectNode update(String id, JsonBody body, Actor actor) {
        OrganizationModel organization = organization(id);
        Partner before = Partner.of(organization);
        ObjectNode current = toJson(organization);
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
        if (before.status() == PartnerStatus.OFFBOARDED) {
            throw Refusal.conflict("status", "Partner '" + before.name() + "' is offboarded; its profile can no longer change.");
        }
        StoredPolicy policy = inputs.requirePolicy();
        String tier = body.has("tier") ? PartnerInputs.tier(body.requiredString("tier", 64), policy.policy()) : before.tier();
        String region = body.has("region") ? body.requiredString("region", 64) : before.region();
        String owner = body.has("businessOwner") ? inputs.businessOwner(body.requiredString("businessOwner", 36)) : before.businessOwner();
        List<String> units = body.has("businessUnits")
                ? Optional.ofNullable(body.optionalStringList("businessUnits", 100, 64)).orElse(List.of())
                : before.businessUnits();
        IdentityProviderModel idp = body.has("idp")
                ? inputs.identityProvider(body.optionalString("idp", 255), organization)
                : before.idp() == null ? null : session.identityProviders().getByAlias(before.idp());
        String idpAlias = body.has("idp") ? (idp == null ? null : idp.getAlias()) : before.idp();
        Boolean enforce = body.optionalBoolean("enforceIdp");
        if (body.has("enforceIdp") && enforce == null) {
            throw Refusal.invalid("enforceIdp", "'enforceIdp' must be true or false.");
        }
        boolean enforceIdp = enforce != null ? enforce : before.enforceIdp();
        if (enforceIdp && idpAlias == null) {
            throw Refusal.invalid(body.has("idp") ? "idp" : "enforceIdp",
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
        ObjectNode updated = saveAttributes(organization, attributes);

        ObjectNode details = Json.object();
        ObjectNode changed = details.putObject("changes");
        changes.forEach((field, values) -> {
            ObjectNode change = changed.putObject(field);
            change.set("old", Json.MAPPER.valueToTree(values[0]));
            change.set("new", Json.MAPPER.valueToTree(values[1]));
        });
        if (changes.containsKey("idp") && idp != null) {
            wireIdentityProvider(details);
        }
        if (changes.containsKey("businessOwner")) {
            // Pending owner stages follow the owner: the new one decides them, the old one no longer can.
            details.put("ownerStagesReassigned", requests.reassignOwnerStages(id, before.businessOwner(), owner));
        }
        details.put("policyVersion", policy.version());
        ledger.append(realm.getId(), EvidenceType.PARTNER_UPDATED, actor, id, id, details);
        if (changes.containsKey("tier")) {
            ObjectNode tierDetails = Json.object();
            tierDetails.put("old", before.tier());
            tierDetails.put("new", tier);
            tierDetails.put("policyVersion", policy.version());
            endSessionsAboveTier(organization, policy.policy(), tier, tierDetails);
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

    /**
     * After a downgrade, the partner's users keep no session on a client the new tier may not use: refreshing runs no
     * login flow, so without this a user would keep refreshing into a client the gate now refuses. Their sessions on
     * other clients stay. The TIER_CHANGED details say which clients and how many client sessions.
     */
    void endSessionsAboveTier(OrganizationModel organization, Policy policy, String newTier, ObjectNode details) {
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
     * Writes the attributes and answers the partner as written: within the same transaction Keycloak's organization
     * adapters may still show the attribute map they read first.
     */
    private ObjectNode saveAttributes(OrganizationModel organization, Map<String, List<String>> attributes) {
        organization.setAttributes(attributes);
        // The profile as written, so that a later edit through Keycloak's own API is checked against it.
        access.profiles().record(realm.getId(), organization.getId(), organization.getName(), attributes);
        return Partner.of(organization, attributes).toJson(organizations().getMembersCount(organization));
    }

    private static void diff(Map<String, Object[]> changes, String field, Object before, Object after) {
        if (!Objects.equals(before, after)) {
            changes.put(field, new Object[] {before, after});
        }
    }

    // ---- membership -----------------------------------------------------------------------------------------

    public List<ObjectNode> members(String id, Paging paging) {
        OrganizationModel organization = organization(id);
        return organizations().getMembersStream(organization, (String) null, null, paging.first(), paging.max())
                .map(PartnerService::memberJson)
                .toList();
    }

    public ObjectNode addMember(String id, JsonBody body, Actor actor) {
        OrganizationModel organization = organization(id);
        body.allowOnly("username", "userId", "businessUnit");
        String username = body.optionalString("username", 255);
        String userId = body.optionalString("userId", 36);
        if ((username == null) == (userId == null)) {
            throw Refusal.invalid("username", "Give exactly one of 'username' or 'userId'.");
        }
        UserModel user = userId != null ? session.users().getUserById(realm, userId) : session.users().getUserByUsername(realm, username);
        if (user == null) {
            String field = userId != null ? "userId" : "username";
            throw Refusal.invalid(field, "User '" + (userId != null ? userId : username) + "' does not exist in realm '" + realm.getName() + "'.");
        }
        if (user.getServiceAccountClientLink() != null) {
            throw Refusal.invalid(userId != null ? "userId" : "username", "User '" + user.getUsername()
                    + "' is a service account; partner service accounts have their own endpoints.");
        }
        Partner partner = Partner.of(organization);
        String unit = body.optionalString("businessUnit", 64);
        if (unit != null && !partner.businessUnits().contains(unit)) {
            throw Refusal.invalid("businessUnit", "Partner '" + partner.name() + "' has no business unit '" + unit
                    + "'; its units are " + partner.businessUnits() + ".");
        }
        if (partner.status() == PartnerStatus.OFFBOARDED) {
            throw Refusal.conflict("status", "Partner '" + partner.name() + "' is offboarded; it takes no new members.");
        }
        Optional<OrganizationModel> existing = organizations().getByMember(user).filter(Partner::isPartner).findFirst();
        if (existing.isPresent()) {
            throw Refusal.conflict(userId != null ? "userId" : "username", "User '" + user.getUsername()
                    + "' already belongs to partner '" + existing.get().getName() + "' (" + existing.get().getId()
                    + "); a user belongs to at most one partner.");
        }
        try {
            organizations().addMember(organization, user);
        } catch (ModelValidationException | ModelDuplicateException e) {
            throw Refusal.conflict("username", e.getMessage());
        }
        if (unit != null) {
            user.setSingleAttribute(PartnerAttributes.MEMBER_BUSINESS_UNIT, unit);
        } else {
            user.removeAttribute(PartnerAttributes.MEMBER_BUSINESS_UNIT);
        }
        ObjectNode member = memberJson(user);
        ObjectNode details = member.deepCopy();
        details.put("policyVersion", policies.current(realm).map(StoredPolicy::version).orElse(null));
        ledger.append(realm.getId(), EvidenceType.MEMBER_ADDED, actor, user.getId(), organization.getId(), details);
        return member;
    }

    public void removeMember(String id, String userId, Actor actor) {
        OrganizationModel organization = organization(id);
        UserModel user = !TextRules.plausibleId(userId) ? null : session.users().getUserById(realm, userId);
        if (user == null || !organizations().isMember(organization, user)) {
            throw Refusal.notFound("User '" + userId + "' is not a member of partner '" + organization.getName() + "'.");
        }
        ObjectNode details = memberJson(user);
        endMembership(organization.getId(), user, "User removed from partner '" + organization.getName() + "'.", actor, details);
        organizations().removeMember(organization, user);
        details.put("policyVersion", policies.current(realm).map(StoredPolicy::version).orElse(null));
        ledger.append(realm.getId(), EvidenceType.MEMBER_REMOVED, actor, userId, organization.getId(), details);
    }

    /**
     * What leaving a partner means, however the membership ends (our API, or Keycloak's own console and API, seen by
     * the event listener): the user's pending requests in that partner are cancelled, its grants revoked, every
     * session ended and the business unit removed. The counts go into {@code details}, the MEMBER_REMOVED record's
     * body, which the caller appends.
     */
    public void endMembership(String organizationId, UserModel user, String why, Actor actor, ObjectNode details) {
        var pending = requests.lockPending(organizationId, user.getId());
        var held = grants.lockActive(organizationId, user.getId());
        details.put("requestsCancelled", requests.cancelAll(pending, why, actor));
        details.put("grantsRevoked", grants.revokeAll(held, why, actor));
        details.put("sessionsEnded", sessions.endAll(user));
        user.removeAttribute(PartnerAttributes.MEMBER_BUSINESS_UNIT);
    }

    static ObjectNode memberJson(UserModel user) {
        ObjectNode json = Json.object();
        json.put("userId", user.getId());
        json.put("username", user.getUsername());
        json.put("email", user.getEmail());
        json.put("businessUnit", user.getFirstAttribute(PartnerAttributes.MEMBER_BUSINESS_UNIT));
        return json;
    }

    // ---- status ---------------------------------------------------------------------------------------------

    public ObjectNode suspend(String id, JsonBody body, Actor actor) {
        return transition(id, body, actor, PartnerStatus.SUSPENDED, EvidenceType.PARTNER_SUSPENDED, Set.of(PartnerStatus.ACTIVE));
    }

    public ObjectNode reactivate(String id, JsonBody body, Actor actor) {
        return transition(id, body, actor, PartnerStatus.ACTIVE, EvidenceType.PARTNER_REACTIVATED, Set.of(PartnerStatus.SUSPENDED));
    }

    public ObjectNode offboard(String id, JsonBody body, Actor actor) {
        return transition(id, body, actor, PartnerStatus.OFFBOARDED, EvidenceType.PARTNER_OFFBOARDED,
                Set.of(PartnerStatus.ACTIVE, PartnerStatus.SUSPENDED));
    }

    private ObjectNode transition(String id, JsonBody body, Actor actor, PartnerStatus target, EvidenceType type,
                                  Set<PartnerStatus> from) {
        OrganizationModel organization = organization(id);
        body.allowOnly("reason");
        String reason = body.requiredText("reason", REASON_MAX);
        Partner partner = Partner.of(organization);
        if (!from.contains(partner.status())) {
            String why = partner.status() == PartnerStatus.OFFBOARDED
                    ? "is offboarded, which is final"
                    : "is " + partner.status() + ", not " + from.stream().map(Enum::name).sorted().collect(Collectors.joining(" or "));
            throw Refusal.conflict("status", "Partner '" + partner.name() + "' " + why + ".");
        }
        Map<String, List<String>> attributes = new HashMap<>(organization.getAttributes());
        attributes.put(PartnerAttributes.STATUS, List.of(target.name()));
        ObjectNode updated = saveAttributes(organization, attributes);
        ObjectNode details = Json.object();
        details.put("reason", reason);
        statusChanged(organization, partner, target, reason, actor, details);
        ledger.append(realm.getId(), type, actor, id, id, details);
        return updated;
    }

    /**
     * The consequences of a status change already written to the organization, whichever way it was written: rows
     * are locked first (service accounts, requests, grants), then the work is done and counted into {@code details};
     * the caller writes the evidence.
     */
    private void statusChanged(OrganizationModel organization, Partner partner, PartnerStatus target, String reason,
                               Actor actor, ObjectNode details) {
        String id = organization.getId();
        details.put("previousStatus", partner.status() == null ? null : partner.status().name());
        details.put("status", target.name());
        var accounts = serviceAccounts.lockOfPartner(id);
        if (target == PartnerStatus.OFFBOARDED) {
            String why = "Partner '" + partner.name() + "' offboarded: " + reason;
            var pending = requests.lockPending(id, null);
            var held = grants.lockActive(id, null);
            details.put("requestsCancelled", requests.cancelAll(pending, why, actor));
            details.put("grantsRevoked", grants.revokeAll(held, why, actor));
            details.put("serviceAccountsDisabled", serviceAccounts.offboardAll(accounts, why, actor));
        } else if (target == PartnerStatus.SUSPENDED) {
            details.put("serviceAccountsDisabled", serviceAccounts.suspendAll(accounts,
                    "Partner '" + partner.name() + "' suspended: " + reason, actor));
        } else {
            details.put("serviceAccountsEnabled", serviceAccounts.reactivateAll(accounts,
                    "Partner '" + partner.name() + "' reactivated: " + reason, actor));
        }
        if (target != PartnerStatus.ACTIVE) {
            // No refresh token may outlive the decision: refreshing runs no login flow.
            int ended = organizations().getMembersStream(organization, (String) null, null, null, null)
                    .toList().stream().mapToInt(sessions::endAll).sum();
            details.put("sessionsEnded", ended);
        }
        details.put("policyVersion", policies.current(realm).map(StoredPolicy::version).orElse(null));
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
            statusChanged(organization, old, now.status(), reason, actor, details);
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
                endSessionsAboveTier(organization, policy.policy(), now.tier(), tierDetails);
            }
            ledger.append(realm.getId(), EvidenceType.TIER_CHANGED, actor, organization.getId(), organization.getId(), tierDetails);
        }
        if (!Objects.equals(now.businessOwner(), old.businessOwner())) {
            via.put("ownerStagesReassigned", requests.reassignOwnerStages(organization.getId(), old.businessOwner(), now.businessOwner()));
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
