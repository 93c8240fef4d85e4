package dev.partneraccess.core.wiring;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code event-listener}: the evidence listener among the realm's event listeners. Without it, changes made through
 * Keycloak's own admin API or console (organizations, governed roles) are neither recorded nor reverted.
 */
final class EventListenerStep implements WiringStep {

    @Override
    public String name() {
        return "event-listener";
    }

    private static Set<String> listeners(Target target) {
        return target.realm().getEventsListenersStream().collect(Collectors.toCollection(LinkedHashSet::new));
    }

    @Override
    public WiringCheck check(Target target) {
        Set<String> listeners = listeners(target);
        if (listeners.contains(RealmWiring.LISTENER)) {
            return WiringCheck.ok(name(), "'" + RealmWiring.LISTENER + "' is among the realm's event listeners.");
        }
        return WiringCheck.failing(name(), "'" + RealmWiring.LISTENER + "' is not among the realm's event listeners ("
                + (listeners.isEmpty() ? "none" : String.join(", ", listeners)) + "), so a governed role mapped or a"
                + " partner changed through Keycloak's own admin API or console is neither recorded nor undone. POST /setup"
                + " adds it and keeps the others (Realm settings, Events, Event listeners).");
    }

    @Override
    public void fix(Target target, List<String> changes) {
        Set<String> listeners = listeners(target);
        if (listeners.add(RealmWiring.LISTENER)) {
            target.realm().setEventsListeners(listeners);
            changes.add("Added '" + RealmWiring.LISTENER + "' to the realm's event listeners.");
        }
    }
}
