package dev.partneraccess.core.support;

/** Who made a change: a user (id and username), or {@code system} for scheduled work. */
public record Actor(String id, String username) {

    public static final String SYSTEM_ID = "system";
    /** Marks a user id that would otherwise read as a reserved value; see {@link #recorded()}. */
    public static final String USER_PREFIX = "user:";
    public static final Actor SYSTEM = new Actor(SYSTEM_ID, null);

    public boolean isSystem() {
        return username == null;
    }

    /**
     * The actor as the ledger and the grant rows record it. {@code system} is reserved for scheduled work, yet nothing
     * stops a user from having the id {@code system} (a partial import keeps the ids it is given), so such a user is
     * recorded as {@code user:system}; so is every user id that itself begins with {@code user:}, which keeps the
     * mapping one-to-one: strip one {@code user:} to get the user id back.
     */
    public String recorded() {
        if (isSystem()) {
            return SYSTEM_ID;
        }
        return id.equals(SYSTEM_ID) || id.startsWith(USER_PREFIX) ? USER_PREFIX + id : id;
    }
}
