package dev.partneraccess.core.partner;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import dev.partneraccess.core.policy.Policy;

/**
 * The rules a partner profile obeys whichever way it is edited, applied to an edit made through Keycloak's own
 * organization API: from the {@code partner.*} attributes before the edit to those after it. Pure, so every rule is
 * unit-tested; the listener reverts an edit that breaks one.
 */
public final class ProfileRules {

    /** The attribute at fault and why the edit is refused. */
    public record Violation(String attribute, String reason) {
    }

    static final Set<String> KNOWN = Set.of(PartnerAttributes.TIER, PartnerAttributes.REGION, PartnerAttributes.STATUS,
            PartnerAttributes.BUSINESS_OWNER, PartnerAttributes.BUSINESS_UNITS, PartnerAttributes.IDP,
            PartnerAttributes.ENFORCE_IDP);
    private static final Set<String> REQUIRED = Set.of(PartnerAttributes.TIER, PartnerAttributes.REGION,
            PartnerAttributes.STATUS, PartnerAttributes.BUSINESS_OWNER);
    private static final Set<String> SINGLE = Set.of(PartnerAttributes.TIER, PartnerAttributes.REGION,
            PartnerAttributes.STATUS, PartnerAttributes.BUSINESS_OWNER, PartnerAttributes.IDP, PartnerAttributes.ENFORCE_IDP);
    private static final int MAX_LENGTH = 64;

    private ProfileRules() {
    }

    /**
     * The first rule the edit breaks, or empty. {@code policy} may be null (a realm without a policy has no tiers to
     * check against); {@code userExists} and {@code identityProviderExists} answer for ids and aliases of the realm.
     */
    public static Optional<Violation> check(Map<String, List<String>> before, Map<String, List<String>> after, Policy policy,
                                            Predicate<String> userExists, Predicate<String> identityProviderExists) {
        PartnerStatus was = PartnerStatus.parse(Partner.first(before, PartnerAttributes.STATUS));
        if (was == PartnerStatus.OFFBOARDED && !before.equals(after)) {
            return violation(PartnerAttributes.STATUS, "The partner is offboarded, which is final; its profile can no longer change.");
        }
        for (String name : after.keySet()) {
            if (!KNOWN.contains(name)) {
                return violation(name, "'" + name + "' is not a partner attribute; the partner attributes are "
                        + KNOWN.stream().sorted().collect(Collectors.joining(", ")) + ".");
            }
        }
        for (String name : REQUIRED) {
            List<String> values = after.get(name);
            if (values == null || values.isEmpty() || values.get(0) == null || values.get(0).isBlank()) {
                return violation(name, "'" + name + "' may not be removed or emptied from a partner.");
            }
        }
        for (String name : SINGLE) {
            List<String> values = after.get(name);
            if (values != null && values.size() > 1) {
                return violation(name, "'" + name + "' takes one value, not " + values.size() + ".");
            }
        }
        for (Map.Entry<String, List<String>> entry : after.entrySet()) {
            for (String value : entry.getValue()) {
                if (value == null || value.length() > MAX_LENGTH && !PartnerAttributes.BUSINESS_OWNER.equals(entry.getKey())
                        || value.chars().anyMatch(Character::isISOControl)) {
                    return violation(entry.getKey(), "'" + entry.getKey() + "' values must be at most " + MAX_LENGTH
                            + " characters without control characters.");
                }
            }
        }
        PartnerStatus status = PartnerStatus.parse(Partner.first(after, PartnerAttributes.STATUS));
        if (status == null) {
            return violation(PartnerAttributes.STATUS, "'partner.status' must be ACTIVE, SUSPENDED or OFFBOARDED.");
        }
        if (was != null && status != was && !allowed(was, status)) {
            return violation(PartnerAttributes.STATUS, "A partner cannot go from " + was + " to " + status + ".");
        }
        String tier = Partner.first(after, PartnerAttributes.TIER);
        if (policy != null && policy.tier(tier).isEmpty()) {
            return violation(PartnerAttributes.TIER, "Tier '" + tier + "' is not defined by the policy; defined tiers: "
                    + policy.tiers().stream().map(Policy.Tier::name).collect(Collectors.joining(", ")) + ".");
        }
        String owner = Partner.first(after, PartnerAttributes.BUSINESS_OWNER);
        if (!Objects.equals(owner, Partner.first(before, PartnerAttributes.BUSINESS_OWNER)) && !userExists.test(owner)) {
            return violation(PartnerAttributes.BUSINESS_OWNER, "'partner.businessOwner' must be the id of a user of this realm.");
        }
        String enforce = Partner.first(after, PartnerAttributes.ENFORCE_IDP);
        if (enforce != null && !enforce.equals("true") && !enforce.equals("false")) {
            return violation(PartnerAttributes.ENFORCE_IDP, "'partner.enforceIdp' must be true or false.");
        }
        String idp = Partner.first(after, PartnerAttributes.IDP);
        if (idp != null && !Objects.equals(idp, Partner.first(before, PartnerAttributes.IDP)) && !identityProviderExists.test(idp)) {
            return violation(PartnerAttributes.IDP, "'partner.idp' must name an identity provider of this realm.");
        }
        if ("true".equals(enforce) && idp == null) {
            return violation(PartnerAttributes.ENFORCE_IDP, "'partner.enforceIdp' is true, so the partner needs 'partner.idp'.");
        }
        return Optional.empty();
    }

    /** ACTIVE and SUSPENDED go back and forth; either may become OFFBOARDED; nothing leaves OFFBOARDED. */
    static boolean allowed(PartnerStatus from, PartnerStatus to) {
        return switch (from) {
            case ACTIVE -> to == PartnerStatus.SUSPENDED || to == PartnerStatus.OFFBOARDED;
            case SUSPENDED -> to == PartnerStatus.ACTIVE || to == PartnerStatus.OFFBOARDED;
            case OFFBOARDED -> false;
        };
    }

    private static Optional<Violation> violation(String attribute, String reason) {
        return Optional.of(new Violation(attribute, reason));
    }
}
