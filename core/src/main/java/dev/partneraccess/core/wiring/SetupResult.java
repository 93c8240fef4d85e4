package dev.partneraccess.core.wiring;

import java.util.List;

/** What {@code POST /setup} changed (empty when the realm was already wired) and the checks as they are afterwards. */
public record SetupResult(List<String> changes, List<WiringCheck> checks) {

    public boolean wired() {
        return checks.stream().allMatch(WiringCheck::ok);
    }
}
