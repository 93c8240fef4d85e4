package dev.partneraccess.core.support;

/** Who made a change: a user (id and username), or {@code system} for scheduled work. */
public record Actor(String id, String username) {

    public static final Actor SYSTEM = new Actor("system", null);

    public boolean isSystem() {
        return username == null;
    }
}
