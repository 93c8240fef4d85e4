package dev.partneraccess.core.access;

/**
 * A count of ACTIVE grants and of those among them issued as exceptions: a realm's totals, or the change one
 * transaction makes to them.
 */
public record GrantTotals(long active, long exceptions) {

    public static final GrantTotals ZERO = new GrantTotals(0, 0);

    /** One grant, an exception or not. */
    static GrantTotals one(boolean exception) {
        return new GrantTotals(1, exception ? 1 : 0);
    }

    GrantTotals plus(GrantTotals other) {
        return new GrantTotals(active + other.active, exceptions + other.exceptions);
    }

    GrantTotals minus(GrantTotals other) {
        return new GrantTotals(active - other.active, exceptions - other.exceptions);
    }

    boolean isZero() {
        return active == 0 && exceptions == 0;
    }
}
