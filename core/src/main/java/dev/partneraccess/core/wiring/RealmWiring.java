package dev.partneraccess.core.wiring;

import java.util.ArrayList;
import java.util.List;

import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.partneraccess.core.evidence.EvidenceLedger;
import dev.partneraccess.core.evidence.EvidenceType;
import dev.partneraccess.core.support.Actor;
import dev.partneraccess.core.support.Json;

/**
 * Whether a realm is wired so that its policy cannot be bypassed, and wiring it in one call. A check looks at the
 * realm as it is now, so a realm whose wiring drifted (a flow rebound, the listener removed) shows it at once. Setup
 * fixes only what a check finds wrong, so a second call changes nothing, and it never edits a flow the realm uses:
 * it binds gated copies.
 */
public final class RealmWiring {

    public static final String GATE = "partner-access-gate";
    public static final String CLAIMS_MAPPER = "partner-access-claims";
    public static final String CLAIMS_SCOPE = "partner-access";
    public static final String LISTENER = "partner-access-evidence";
    public static final String CONSOLE_CLIENT = "partner-access-console";

    private static final Logger LOG = Logger.getLogger(RealmWiring.class);

    private final Target target;
    private final EvidenceLedger ledger;

    public RealmWiring(KeycloakSession session, RealmModel realm, EvidenceLedger ledger) {
        this.target = new Target(session, realm);
        this.ledger = ledger;
    }

    /** The checks in the order of the contract: organizations, browser-flow, ..., console-client. */
    private static List<WiringStep> inCheckOrder() {
        return List.of(new OrganizationsStep(), new BrowserFlowStep(), new DirectGrantFlowStep(), new BrokerFlowsStep(),
                new RequiredActionsStep(), new ClaimsMapperStep(), new EventListenerStep(), new AdminEventsStep(),
                new UserProfileStep(), new ConsoleClientStep());
    }

    /**
     * The steps in the order setup applies them: Organizations first (the broker flows are found through partners),
     * and the console client before the claims mapper, so the new client is among those given the claims scope.
     */
    private static List<WiringStep> inFixOrder() {
        return List.of(new OrganizationsStep(), new RequiredActionsStep(), new BrowserFlowStep(), new DirectGrantFlowStep(),
                new BrokerFlowsStep(), new EventListenerStep(), new AdminEventsStep(), new UserProfileStep(),
                new ConsoleClientStep(), new ClaimsMapperStep());
    }

    /**
     * Wires the post-broker-login flow of every partner's identity provider, as setup does: called when an identity
     * provider is linked to a partner, so a login through it meets the gate from the first one. Answers what changed.
     */
    public List<String> wireBrokerFlows() {
        List<String> changes = new ArrayList<>();
        BrokerFlowsStep step = new BrokerFlowsStep();
        if (!step.check(target).ok()) {
            step.fix(target, changes);
        }
        return changes;
    }

    public List<WiringCheck> check() {
        return inCheckOrder().stream().map(step -> step.check(target)).toList();
    }

    /** The names of the failing checks; empty when the realm is wired. */
    public List<String> failing() {
        return check().stream().filter(c -> !c.ok()).map(WiringCheck::name).toList();
    }

    /**
     * Wires the realm in the caller's transaction and records {@code SETUP_APPLIED} with what changed, in the same
     * transaction; a call that changes nothing records nothing.
     */
    public SetupResult apply(Actor actor) {
        List<String> changes = new ArrayList<>();
        for (WiringStep step : inFixOrder()) {
            if (!step.check(target).ok()) {
                step.fix(target, changes);
            }
        }
        List<WiringCheck> checks = check();
        if (!changes.isEmpty()) {
            ObjectNode details = Json.object();
            changes.forEach(details.putArray("changes")::add);
            ArrayNode failing = details.putArray("failing");
            checks.stream().filter(c -> !c.ok()).forEach(c -> failing.add(c.name()));
            ledger.append(target.realm().getId(), EvidenceType.SETUP_APPLIED, actor, target.realm().getId(), null, details);
            LOG.infof("partner access setup of realm %s: %d changes", target.realm().getName(), changes.size());
        }
        return new SetupResult(List.copyOf(changes), checks);
    }
}
