package dev.partneraccess.core.content;

import java.util.List;

/** The body of {@code POST /content} as read by the REST layer: its form checked, nothing looked up yet. */
public record NewContent(String name, String kind, String clientId, String uri, String owner, String minTier,
                         List<String> regions, int days, String baseId) {
}
