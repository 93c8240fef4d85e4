package dev.partneraccess.core.access;

/**
 * A new partner service account as asked for: {@code name} lower-case, 1 to 40 letters, digits or dashes (the client
 * id becomes {@code partner-<alias>-<name>}), its {@code purpose} of {@link RequestService#PURPOSE_MIN}..{@link
 * RequestService#PURPOSE_MAX} characters, the id of its partner-side {@code owner}, and {@code days} 1..3650 (the
 * tier's maximum is checked by {@link ServiceAccountService#create}).
 */
public record NewServiceAccount(String name, String purpose, String owner, int days) {
}
