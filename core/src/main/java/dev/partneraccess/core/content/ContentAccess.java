package dev.partneraccess.core.content;

import java.util.Locale;
import java.util.Optional;

import dev.partneraccess.core.partner.Partner;
import dev.partneraccess.core.partner.PartnerStatus;
import dev.partneraccess.core.policy.Policy;

/**
 * Who may view a content package, the one rule behind the {@code partner-access-content} policy and
 * {@code GET /me/content}: the package is RELEASED and its release has not ended, the viewer's partner is ACTIVE, its
 * tier ranks at least the package's {@code minTier}, and its region is one of the package's (case-insensitive). A pure
 * rule: it sees values only. It never answers anything about editing.
 */
public final class ContentAccess {

    private ContentAccess() {
    }

    /** Why the partner's users may not view the package, or empty when they may. */
    public static Optional<String> refusal(ContentPackage content, Partner partner, Policy policy, long now) {
        if (!ContentService.RELEASED.equals(content.status())) {
            return Optional.of("the package is " + content.status());
        }
        if (content.expiresAt() == null || content.expiresAt() <= now) {
            return Optional.of("the release has ended");
        }
        if (partner == null) {
            return Optional.of("the user belongs to no partner");
        }
        if (partner.status() != PartnerStatus.ACTIVE) {
            return Optional.of("the partner is " + partner.status());
        }
        Optional<Policy.Tier> min = policy.tier(content.minTier());
        Optional<Policy.Tier> tier = policy.tier(partner.tier());
        if (min.isEmpty() || tier.isEmpty() || tier.get().rank() < min.get().rank()) {
            return Optional.of("tier '" + partner.tier() + "' is below '" + content.minTier() + "'");
        }
        String region = partner.region() == null ? "" : partner.region().toLowerCase(Locale.ROOT);
        if (content.regions().stream().noneMatch(r -> r.toLowerCase(Locale.ROOT).equals(region))) {
            return Optional.of("region '" + partner.region() + "' is not among the package's regions");
        }
        return Optional.empty();
    }

    public static boolean mayView(ContentPackage content, Partner partner, Policy policy, long now) {
        return refusal(content, partner, policy, now).isEmpty();
    }
}
