package dev.partneraccess.core.partner;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelDuplicateException;
import org.keycloak.models.ModelValidationException;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.organization.OrganizationProvider;

import dev.partneraccess.core.policy.Policy;
import dev.partneraccess.core.policy.PolicyStore;
import dev.partneraccess.core.policy.StoredPolicy;
import dev.partneraccess.core.support.Refusal;
import dev.partneraccess.core.support.TextRules;

/**
 * The checks of partner input against the realm and the policy; each refusal names its field. The input arrives
 * already read from its request (types, lengths, text rules: admin-rest's {@code PartnerBodies}).
 */
final class PartnerInputs {

    private static final Pattern DOMAIN = Pattern.compile(
            "^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$");

    static final int ALIAS_MAX = 200;

    private final KeycloakSession session;
    private final RealmModel realm;
    private final PolicyStore policies;

    PartnerInputs(KeycloakSession session, RealmModel realm, PolicyStore policies) {
        this.session = session;
        this.realm = realm;
        this.policies = policies;
    }

    private OrganizationProvider organizations() {
        return session.getProvider(OrganizationProvider.class);
    }

    StoredPolicy requirePolicy() {
        return policies.current(realm).orElseThrow(() -> Refusal.conflict("tier", "Realm '" + realm.getName()
                + "' has no partner policy yet, so no tier is defined: PUT /policy first."));
    }

    static String tier(String tier, Policy policy) {
        if (policy.tier(tier).isEmpty()) {
            throw Refusal.invalid("tier", "Tier '" + tier + "' is not defined by the policy; defined tiers: "
                    + policy.tiers().stream().map(Policy.Tier::name).collect(Collectors.joining(", ")) + ".");
        }
        return tier;
    }

    String businessOwner(String userId) {
        UserModel owner = session.users().getUserById(realm, userId);
        if (owner == null) {
            throw Refusal.invalid("businessOwner", "Business owner '" + userId + "' is not a user of realm '"
                    + realm.getName() + "' (give the user id).");
        }
        return owner.getId();
    }

    /** The domains as given (a list of distinct non-blank lines, or null when absent), checked and normalised. */
    List<String> domains(List<String> raw) {
        if (raw == null || raw.isEmpty()) {
            throw Refusal.invalid("domains", PartnerIntake.NO_DOMAIN);
        }
        List<String> domains = new ArrayList<>();
        for (String domain : raw) {
            String normalised = domain.toLowerCase(Locale.ROOT);
            if (!DOMAIN.matcher(normalised).matches()) {
                throw Refusal.invalid("domains", "'" + domain + "' is not a well-formed domain name such as example.com.");
            }
            if (domains.contains(normalised)) {
                throw Refusal.invalid("domains", "'domains' lists '" + normalised + "' twice.");
            }
            OrganizationModel owner = organizations().getByDomainName(normalised);
            if (owner != null) {
                throw Refusal.conflict("domains", "Domain '" + normalised + "' already belongs to organization '" + owner.getName() + "'.");
            }
            domains.add(normalised);
        }
        return domains;
    }

    IdentityProviderModel identityProvider(String alias, OrganizationModel self) {
        if (alias == null) {
            return null;
        }
        IdentityProviderModel idp = session.identityProviders().getByAlias(alias);
        if (idp == null) {
            throw Refusal.invalid("idp", "Identity provider '" + alias + "' does not exist in realm '" + realm.getName() + "'.");
        }
        String linkedTo = idp.getOrganizationId();
        if (linkedTo != null && (self == null || !linkedTo.equals(self.getId()))) {
            OrganizationModel other = organizations().getById(linkedTo);
            throw Refusal.conflict("idp", "Identity provider '" + alias + "' is already linked to organization '"
                    + (other == null ? linkedTo : other.getName()) + "'.");
        }
        return idp;
    }

    void linkIdentityProvider(OrganizationModel organization, IdentityProviderModel idp) {
        if (!organization.getId().equals(idp.getOrganizationId())) {
            try {
                organizations().addIdentityProvider(organization, idp);
            } catch (ModelValidationException | ModelDuplicateException e) {
                throw Refusal.conflict("idp", e.getMessage());
            }
        }
    }

    /**
     * The organization whose name is the same name as {@code name} once case, width and spacing are set aside
     * ({@link TextRules#nameKey}): {@code fuzz co} and {@code ＦＵＺＺ ＣＯ} would read as {@code Fuzz Co} in every list.
     * Keycloak's own name search compares case-sensitively or by substring, so every organization of the realm is
     * looked at; intake is rare and a realm holds hundreds of partners, not millions.
     */
    Optional<OrganizationModel> findByName(String name) {
        String key = TextRules.nameKey(name);
        return organizations().getAllStream()
                .filter(o -> o.getName() != null && TextRules.nameKey(o.getName()).equals(key))
                .findFirst();
    }

    /**
     * The organization's alias, made of the name's letters and digits. It is kept to {@value #ALIAS_MAX} characters:
     * Keycloak stores at most 255, a taken alias gets a number appended, and a service account's client id
     * ({@code partner-<alias>-<name>}) must fit in 255 too.
     */
    String uniqueAlias(String name) {
        String base = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        base = TextRules.clip(base, ALIAS_MAX).replaceAll("(^-+|-+$)", "");
        if (base.isEmpty()) {
            base = "partner";
        }
        String alias = base;
        for (int i = 2; organizations().getByAlias(alias) != null; i++) {
            alias = base + "-" + i;
        }
        return alias;
    }
}
