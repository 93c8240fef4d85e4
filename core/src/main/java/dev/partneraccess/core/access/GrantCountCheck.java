package dev.partneraccess.core.access;

import java.util.concurrent.TimeUnit;

/**
 * When the sweep compares a realm's kept grant counts with the grants themselves: at most once an hour, because the
 * comparison counts every ACTIVE grant (about 0.3 s at 650,000), the very work the kept counts spare the report.
 */
final class GrantCountCheck {

    static final long EVERY = TimeUnit.HOURS.toMillis(1);

    private GrantCountCheck() {
    }

    /**
     * A realm last checked at {@code checkedAt} (0: never) is due at {@code now}: an hour later, or when the clock is
     * more than an hour behind that time (set back), so a check in the future cannot silence the next ones.
     */
    static boolean due(long checkedAt, long now) {
        return checkedAt <= 0 || Math.abs(now - checkedAt) >= EVERY;
    }

    /** How far the kept counts are from the counted ones (positive: kept too high); zero when they agree. */
    static GrantTotals drift(GrantTotals kept, GrantTotals counted) {
        return kept.minus(counted);
    }
}
