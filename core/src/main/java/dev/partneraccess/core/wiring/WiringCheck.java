package dev.partneraccess.core.wiring;

/**
 * One aspect of a realm's wiring as it is now: its stable {@code name}, whether it is in place, and a {@code detail}
 * that says what was found and, when it is not in place, what is wrong and how to fix it.
 */
public record WiringCheck(String name, boolean ok, String detail) {

    static WiringCheck ok(String name, String detail) {
        return new WiringCheck(name, true, detail);
    }

    static WiringCheck failing(String name, String detail) {
        return new WiringCheck(name, false, detail);
    }
}
