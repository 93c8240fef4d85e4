package dev.partneraccess.core.access;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import dev.partneraccess.core.jpa.DelegationStore;

/**
 * On whose behalf a user may decide stages now: themselves, and each approver whose running delegation names them
 * (by the server's clock). The inbox, the right to read a request and the decision itself all ask here, so a
 * delegate sees and decides exactly what the delegator could.
 */
final class Deciders {

    /** One person whose stages the user may decide, with that person's realm roles (lower-case). */
    record Person(String userId, Set<String> roles) {

        boolean mayDecide(StageModel stage) {
            return Approvers.mayDecide(stage, userId, roles);
        }
    }

    private final KeycloakSession session;
    private final RealmModel realm;
    private final DelegationStore delegations;

    Deciders(KeycloakSession session, RealmModel realm, DelegationStore delegations) {
        this.session = session;
        this.realm = realm;
        this.delegations = delegations;
    }

    /** The user first, then the delegators whose delegation to the user runs now, in delegator id order. */
    List<Person> of(UserModel user) {
        List<Person> people = new ArrayList<>();
        people.add(new Person(user.getId(), Approvers.realmRoles(user)));
        for (Delegation delegation : delegations.activeTo(user.getId(), Time.currentTimeMillis())) {
            UserModel delegator = session.users().getUserById(realm, delegation.fromUserId());
            if (delegator != null && delegator.isEnabled()) {
                people.add(new Person(delegator.getId(), Approvers.realmRoles(delegator)));
            }
        }
        return people;
    }

    /** The first of {@code people} who may decide the stage: the user themselves before any delegator. */
    static Optional<Person> forStage(StageModel stage, List<Person> people) {
        return people.stream().filter(person -> person.mayDecide(stage)).findFirst();
    }
}
