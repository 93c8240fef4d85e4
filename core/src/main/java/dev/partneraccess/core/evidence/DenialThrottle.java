package dev.partneraccess.core.evidence;

import java.util.Map;
import java.util.OptionalInt;

import org.keycloak.common.util.Time;
import org.keycloak.models.SingleUseObjectProvider;

/**
 * Decides whether a denied login is written to the ledger: at most one {@code LOGIN_DENIED} per user and reason per
 * minute, so a login storm cannot flood the ledger or queue on its lock. The minute is a sliding window on Keycloak's
 * clock (tests move it), counted from the last record; each record also claims its clock minute in Keycloak's
 * cluster-wide single-use store, so two nodes never both write in the same minute. Denials not written are counted,
 * and the next written record carries that count as {@code suppressed}.
 */
public final class DenialThrottle {

    static final int WINDOW_SECONDS = 60;
    private static final String PREFIX = "partner-access:login-denied:";

    private final SingleUseObjectProvider store;

    public DenialThrottle(SingleUseObjectProvider store) {
        this.store = store;
    }

    /**
     * Answers the number of denials suppressed since the last record when this one is to be written, or empty when it
     * is to be suppressed (and is then counted).
     */
    public OptionalInt admit(String realmId, String userId, String reason) {
        String base = PREFIX + realmId + ":" + userId + ":" + reason;
        int now = Time.currentTime();
        // The window slides: a record written at second 59 holds back a denial at second 61, in the next minute.
        Map<String, String> last = store.get(base + ":last");
        int at = last == null ? Integer.MIN_VALUE : parse(last.get("at"));
        boolean recent = last != null && now >= at && now - at < WINDOW_SECONDS;
        // The claim of the minute keeps two nodes from both writing; it lives for two windows of real time, long
        // enough to cover its minute even when the clock was moved.
        if (!recent && store.putIfAbsent(base + ":" + (now / WINDOW_SECONDS), 2L * WINDOW_SECONDS)) {
            store.put(base + ":last", 2L * WINDOW_SECONDS, Map.of("at", Integer.toString(now)));
            Map<String, String> counted = store.remove(base + ":suppressed");
            return OptionalInt.of(counted == null ? 0 : parse(counted.get("n")));
        }
        Map<String, String> counted = store.get(base + ":suppressed");
        int next = (counted == null ? 0 : parse(counted.get("n"))) + 1;
        store.put(base + ":suppressed", 24L * 3600, Map.of("n", Integer.toString(next)));
        return OptionalInt.empty();
    }

    private static int parse(String value) {
        try {
            return value == null ? 0 : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
