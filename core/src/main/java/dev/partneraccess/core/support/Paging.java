package dev.partneraccess.core.support;

/** The {@code first} and {@code max} of a list call: max defaults to 100 and may not exceed 1000. */
public record Paging(int first, int max) {

    public static final int DEFAULT_MAX = 100;
    public static final int LIMIT = 1000;

    /** Reads the raw query parameters, so that a non-number is a 400 rather than JAX-RS's 404. */
    public static Paging parse(String first, String max) {
        int f = parseInt("first", first, 0);
        int m = parseInt("max", max, DEFAULT_MAX);
        if (f < 0) {
            throw Refusal.invalid("first", "'first' must be zero or more.");
        }
        if (m < 1 || m > LIMIT) {
            throw Refusal.invalid("max", "'max' must be between 1 and " + LIMIT + ".");
        }
        return new Paging(f, m);
    }

    private static int parseInt(String name, String raw, int fallback) {
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(raw.strip());
        } catch (NumberFormatException e) {
            throw Refusal.invalid(name, "'" + name + "' must be a whole number.");
        }
    }
}
