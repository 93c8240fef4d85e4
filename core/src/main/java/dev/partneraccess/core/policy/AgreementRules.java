package dev.partneraccess.core.policy;

import static dev.partneraccess.core.policy.PolicyFields.allowOnly;
import static dev.partneraccess.core.policy.PolicyFields.object;
import static dev.partneraccess.core.policy.PolicyFields.requiredText;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import dev.partneraccess.core.support.Refusal;

/** The {@code agreement} section: required once a tier asks for the agreement, with a version and an http(s) URL. */
final class AgreementRules {

    private AgreementRules() {
    }

    static Policy.Agreement agreement(JsonNode node, List<Policy.Tier> tiers) {
        boolean needed = tiers.stream().anyMatch(t -> t.requiredActions().contains(Policy.AGREEMENT_ACTION));
        if (node == null || node.isNull()) {
            if (needed) {
                throw Refusal.invalid("agreement", "A tier requires " + Policy.AGREEMENT_ACTION
                        + ", so 'agreement' with 'version' and 'url' is required.");
            }
            return null;
        }
        JsonNode agreement = object(node, "agreement");
        allowOnly(agreement, Set.of("version", "url"), "agreement.");
        String version = requiredText(agreement, "version", "agreement.version", 64);
        String url = requiredText(agreement, "url", "agreement.url", 2000);
        try {
            URI uri = new URI(url);
            if (uri.getScheme() == null || !Set.of("http", "https").contains(uri.getScheme().toLowerCase(Locale.ROOT))
                    || uri.getHost() == null) {
                throw new URISyntaxException(url, "not an absolute http(s) URL");
            }
        } catch (URISyntaxException e) {
            throw Refusal.invalid("agreement.url", "'agreement.url' must be an absolute http or https URL.");
        }
        return new Policy.Agreement(version, url);
    }
}
