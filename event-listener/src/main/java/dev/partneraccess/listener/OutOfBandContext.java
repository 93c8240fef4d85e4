package dev.partneraccess.listener;

import java.util.List;
import java.util.Optional;

import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;

import dev.partneraccess.core.evidence.EvidenceLedger;
import dev.partneraccess.core.policy.Policy;
import dev.partneraccess.core.support.Actor;

/** What one admin event is checked against: the realm's governed roles, its out-of-band mode, who acted and where. */
record OutOfBandContext(RealmModel realm, Policy policy, List<RoleModel> governed, Actor actor, String path,
                        EvidenceLedger ledger) {

    boolean revert() {
        return "revert".equals(policy.outOfBand());
    }

    /** The governed role {@code role} is or includes, if any. */
    Optional<RoleModel> governedIn(RoleModel role) {
        for (RoleModel g : governed) {
            if (g.getId().equals(role.getId())) {
                return Optional.of(g);
            }
        }
        if (role.isComposite()) {
            for (RoleModel g : governed) {
                if (role.hasRole(g)) {
                    return Optional.of(g);
                }
            }
        }
        return Optional.empty();
    }
}
