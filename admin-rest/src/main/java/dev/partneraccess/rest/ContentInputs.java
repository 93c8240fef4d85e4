package dev.partneraccess.rest;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.regex.Pattern;

import dev.partneraccess.core.content.ContentService;
import dev.partneraccess.core.content.NewContent;
import dev.partneraccess.core.support.JsonBody;
import dev.partneraccess.core.support.Refusal;

/**
 * The bodies of {@code POST /content} and {@code POST /content/{id}/withdraw}: unknown fields first, then each field
 * in turn; nothing here looks anything up (the kind, tier, client, owner and base are the service's to check).
 */
final class ContentInputs {

    private static final Pattern REGION = Pattern.compile("[A-Za-z0-9_-]{1," + ContentService.REGION_MAX + "}");

    private ContentInputs() {
    }

    static NewContent newContent(JsonBody body) {
        body.allowOnly("name", "kind", "client", "uri", "owner", "minTier", "regions", "days", "baseId");
        String name = body.requiredString("name", ContentService.NAME_MAX);
        String kind = body.requiredString("kind", 64);
        String client = body.requiredString("client", 255);
        String uri = body.optionalString("uri", ContentService.URI_MAX);
        if (uri != null && uri.isEmpty()) {
            uri = null;
        }
        if (uri != null) {
            try {
                if (!new URI(uri).isAbsolute() && !uri.startsWith("/")) {
                    throw Refusal.invalid("uri", "'uri' must be an absolute URI or a path starting with '/'.");
                }
            } catch (URISyntaxException e) {
                throw Refusal.invalid("uri", "'uri' is not a URI: " + e.getReason() + ".");
            }
        }
        String owner = body.requiredString("owner", 36);
        String minTier = body.requiredString("minTier", 64);
        List<String> regions = body.optionalStringList("regions", ContentService.REGIONS_MAX, ContentService.REGION_MAX);
        if (regions == null || regions.isEmpty()) {
            throw Refusal.invalid("regions", "'regions' is required: the regions the package is released to.");
        }
        for (String region : regions) {
            if (!REGION.matcher(region).matches()) {
                throw Refusal.invalid("regions", "Region '" + region + "' may hold only letters, digits, '-' and '_'.");
            }
        }
        int days = body.requiredInt("days", 1, 3650);
        String baseId = body.optionalString("baseId", 36);
        return new NewContent(name, kind, client, uri, owner, minTier, regions, days,
                baseId == null || baseId.isEmpty() ? null : baseId);
    }

    static String withdrawal(JsonBody body) {
        body.allowOnly("reason");
        return body.requiredText("reason", ContentService.REASON_MAX);
    }
}
