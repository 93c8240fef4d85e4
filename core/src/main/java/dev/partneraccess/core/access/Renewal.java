package dev.partneraccess.core.access;

/**
 * A renewal asked for a grant or a service account: {@code days} 1..3650 (the tier's maximum is checked by the
 * service) and why it is still needed, {@link RequestService#PURPOSE_MIN}..{@link RequestService#PURPOSE_MAX}
 * characters; it becomes the renewal request's business purpose.
 */
public record Renewal(int days, String justification) {
}
