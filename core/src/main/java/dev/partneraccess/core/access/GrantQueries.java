package dev.partneraccess.core.access;

import static dev.partneraccess.core.access.GrantService.ACTIVE;
import static dev.partneraccess.core.access.GrantService.EXPIRED;
import static dev.partneraccess.core.access.GrantService.REVOKED;

import java.util.List;
import java.util.Set;

import org.keycloak.common.util.Time;

import dev.partneraccess.core.jpa.GrantStore;
import dev.partneraccess.core.support.Json;
import dev.partneraccess.core.support.Paging;
import dev.partneraccess.core.support.Refusal;
import dev.partneraccess.core.support.TextRules;

/** The read side of grants: one grant, the admins' list, a user's current and held grants; and a grant's lock. */
final class GrantQueries {

    private static final Set<String> STATUSES = Set.of(ACTIVE, EXPIRED, REVOKED);

    private final GrantStore store;

    GrantQueries(GrantStore store) {
        this.store = store;
    }

    /** The grant, locked for the rest of the transaction; 404 when it is not in this realm. */
    GrantModel locked(String id) {
        GrantModel grant = !TextRules.plausibleId(id) ? null : store.find(id, true);
        if (grant == null) {
            throw Refusal.notFound("No grant '" + id + "' in this realm.");
        }
        return grant;
    }

    Grant get(String id) {
        GrantModel grant = !TextRules.plausibleId(id) ? null : store.find(id, false);
        if (grant == null) {
            throw Refusal.notFound("No grant '" + id + "' in this realm.");
        }
        return store.answer(grant);
    }

    /** The user's active grants that have not yet passed their end, earliest expiry first. */
    List<Grant> current(String userId) {
        long now = Time.currentTimeMillis();
        return active(userId).stream().filter(g -> g.getExpiresAt() > now).map(store::answer).toList();
    }

    /** The user's ACTIVE grants, including those past their end that the expiry sweep has not reached yet. */
    List<GrantModel> active(String userId) {
        return store.active(userId);
    }

    /** The user's ACTIVE grants as the token side needs them, earliest expiry first (lapsed ones included). */
    List<HeldGrant> held(String userId) {
        return store.held(userId);
    }

    boolean hasActiveGrant(String userId, String roleId) {
        return store.hasActiveGrant(userId, roleId);
    }

    List<Grant> list(String user, String partner, String role, String status, String expiringBefore, Paging paging) {
        user = TextRules.filter("user", user);
        partner = TextRules.filter("partner", partner);
        role = TextRules.filter("role", role);
        status = TextRules.filter("status", status);
        expiringBefore = TextRules.filter("expiringBefore", expiringBefore);
        if (status != null && !STATUSES.contains(status)) {
            throw Refusal.invalid("status", "'status' must be one of ACTIVE, EXPIRED, REVOKED.");
        }
        Long before = expiringBefore == null ? null : Json.parseIsoTime(expiringBefore, "expiringBefore");
        return store.list(user, partner, role, status, before, paging);
    }
}
