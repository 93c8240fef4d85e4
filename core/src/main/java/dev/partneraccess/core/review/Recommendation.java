package dev.partneraccess.core.review;

import java.util.concurrent.TimeUnit;

import dev.partneraccess.core.support.Json;

/**
 * What a reviewer is advised to decide, and why: {@code revoke} when a person has not logged in for
 * {@value #IDLE_DAYS} days (the gate records logins at most once an hour) or a service account has not obtained a
 * token for that long, or never did; {@code keep} otherwise.
 */
public record Recommendation(String decision, String reason) {

    public static final int IDLE_DAYS = 30;
    private static final long DAY = TimeUnit.DAYS.toMillis(1);

    /**
     * The rule. {@code lastSeen} is the person's last recorded login or the account's last token (null when none was
     * ever recorded); {@code grantedAt} is when the grant began, the time a person without a recorded login is
     * counted from.
     */
    public static Recommendation of(boolean serviceAccount, Long lastSeen, long grantedAt, long now) {
        if (serviceAccount) {
            if (lastSeen == null) {
                return new Recommendation(ReviewService.REVOKE, "never used");
            }
            long days = (now - lastSeen) / DAY;
            return days >= IDLE_DAYS
                    ? new Recommendation(ReviewService.REVOKE, "not used for " + days + " days")
                    : new Recommendation(ReviewService.KEEP, "used " + days + " days ago");
        }
        if (lastSeen == null) {
            long days = (now - grantedAt) / DAY;
            return days >= IDLE_DAYS
                    ? new Recommendation(ReviewService.REVOKE, "never logged in since " + Json.isoTime(grantedAt))
                    : new Recommendation(ReviewService.KEEP, "no login yet; the grant is " + days + " days old");
        }
        long days = (now - lastSeen) / DAY;
        return days >= IDLE_DAYS
                ? new Recommendation(ReviewService.REVOKE, "no login for " + days + " days")
                : new Recommendation(ReviewService.KEEP, "last login " + days + " days ago");
    }
}
