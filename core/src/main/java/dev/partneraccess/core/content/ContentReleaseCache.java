package dev.partneraccess.core.content;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * A package's release as the {@code partner-access-content} policy decides on it, without a database read per
 * decision. The package's Authorization Services resource carries the attribute {@value #STAMP_ATTRIBUTE}, a fresh
 * random value written in the same transaction as every change of the package's status or release window; Keycloak
 * serves the resource from its authorization cache and invalidates it across the cluster when the attribute changes,
 * so the next decision on any node sees a new stamp, misses here and reads the package row. A package is kept per
 * resource and stamp only, never longer than {@link #MAX_AGE_MILLIS}, and never without a stamp: a resource without
 * one (removed, or from a version before stamps) is read from the database at every decision. One instance per node,
 * held by the partner access provider's factory.
 *
 * <p>Whoever may change the resource's attributes manages the client's authorization and can already tie any policy to
 * the resource; writing back an old stamp is therefore no new way in, and the age bound limits what it could reach.
 */
public final class ContentReleaseCache {

    public static final String STAMP_ATTRIBUTE = "partner-access.release";
    static final long MAX_AGE_MILLIS = TimeUnit.SECONDS.toMillis(60);
    static final int MAX_ENTRIES = 50_000;

    private record Entry(String realmId, String stamp, ContentPackage content, long loadedAt) {
    }

    private final Map<String, Entry> byResource = new ConcurrentHashMap<>();
    private final LongSupplier clock;

    public ContentReleaseCache() {
        this(() -> TimeUnit.NANOSECONDS.toMillis(System.nanoTime()));
    }

    ContentReleaseCache(LongSupplier clock) {
        this.clock = clock;
    }

    /**
     * The package behind the resource: kept when the resource's current stamp is the one it was read under, otherwise
     * read by {@code load} (and kept, when the resource has a stamp).
     */
    Optional<ContentPackage> get(String realmId, String resourceId, String stamp, Supplier<Optional<ContentPackage>> load) {
        long now = clock.getAsLong();
        if (stamp != null) {
            Entry entry = byResource.get(resourceId);
            if (entry != null && entry.stamp().equals(stamp) && entry.realmId().equals(realmId)
                    && now - entry.loadedAt() < MAX_AGE_MILLIS) {
                return Optional.of(entry.content());
            }
        }
        Optional<ContentPackage> loaded = load.get();
        if (stamp == null || loaded.isEmpty()) {
            byResource.remove(resourceId);
            return loaded;
        }
        if (byResource.size() >= MAX_ENTRIES) {
            // More released packages in decisions than a node keeps: start again rather than track use.
            byResource.clear();
        }
        byResource.put(resourceId, new Entry(realmId, stamp, loaded.get(), now));
        return loaded;
    }

    /** Drops what this node keeps for a removed realm. */
    public void forget(String realmId) {
        byResource.values().removeIf(entry -> entry.realmId().equals(realmId));
    }

    int size() {
        return byResource.size();
    }
}
