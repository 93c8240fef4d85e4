package dev.partneraccess.core.access;

import java.util.List;

/**
 * Where a realm's governed roles are held without an active grant, as checked at {@code checkedAt} (epoch millis).
 * {@code truncated} says that more findings than the listed ones were found.
 */
public record ReconciliationReport(long checkedAt, List<GovernedRole> governedRoles, List<Finding> findings,
                                   boolean truncated) {

    /** A governed role; {@code client} is null for a realm role. */
    public record GovernedRole(String role, String client) {
    }

    /** One place a governed role ({@code role}, of {@code client} or the realm when null) is held without a grant. */
    public sealed interface Finding permits UserFinding, GroupFinding, CompositeFinding {

        /** {@code user}, {@code group}, {@code composite} or {@code default-role}. */
        String kind();

        String role();

        String client();
    }

    /** A user mapped to the role directly, with no active grant behind it. */
    public record UserFinding(String role, String client, String user, String username) implements Finding {
        @Override
        public String kind() {
            return "user";
        }
    }

    /** A group holding the role: each of its {@code members} (direct members, counted up to a bound) has it. */
    public record GroupFinding(String role, String client, String group, String groupName, long members) implements Finding {
        @Override
        public String kind() {
            return "group";
        }
    }

    /**
     * A composite role that includes the governed one. When it is the realm's default role, every user of the realm
     * holds it: {@code holders} counts them (and is 0 for any other composite).
     */
    public record CompositeFinding(String role, String client, String compositeRole, String compositeClient,
                                   boolean defaultRole, int holders) implements Finding {
        @Override
        public String kind() {
            return defaultRole ? "default-role" : "composite";
        }
    }
}
