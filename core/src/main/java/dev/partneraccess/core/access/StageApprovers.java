package dev.partneraccess.core.access;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Whom a pending stage waits for: the users who may decide it by the same rules as the decision (its business owner,
 * or the holders of its approver role however they hold it, and after an escalation the holders of the escalation
 * role), without those separation of duties bars (the requester, the beneficiary, whoever decided another stage or
 * had it decided for them). At most {@value #MAX_APPROVERS} per stage, in the order found; decided stages list none.
 */
final class StageApprovers {

    static final int MAX_APPROVERS = 20;

    private final KeycloakSession session;
    private final RealmModel realm;
    private final Map<String, Map<String, UserModel>> holders = new HashMap<>();

    StageApprovers(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    List<AccessRequest> fill(List<AccessRequest> requests) {
        return requests.stream().map(this::fill).toList();
    }

    AccessRequest fill(AccessRequest request) {
        if (!RequestService.PENDING.equals(request.status())) {
            return request.withStages(request.stages().stream().map(stage -> stage.withApprovers(List.of())).toList());
        }
        Set<String> barred = new HashSet<>();
        barred.add(request.createdBy());
        barred.add(request.userId());
        List<AccessRequest.Stage> stages = new ArrayList<>();
        for (AccessRequest.Stage stage : request.stages()) {
            if (!RequestService.PENDING.equals(stage.status())) {
                stages.add(stage.withApprovers(List.of()));
                continue;
            }
            Set<String> barredHere = new HashSet<>(barred);
            request.stages().stream().filter(other -> !other.name().equals(stage.name())).forEach(other -> {
                barredHere.add(other.decidedBy());
                barredHere.add(other.onBehalfOf());
            });
            Map<String, UserModel> candidates = new LinkedHashMap<>();
            if (stage.approverUser() != null) {
                UserModel owner = session.users().getUserById(realm, stage.approverUser());
                if (owner != null) {
                    candidates.put(owner.getId(), owner);
                }
            } else if (stage.approverRole() != null) {
                candidates.putAll(holders(stage.approverRole()));
            }
            if (stage.escalationRole() != null) {
                holders(stage.escalationRole()).forEach(candidates::putIfAbsent);
            }
            List<AccessRequest.Person> people = candidates.values().stream()
                    .filter(user -> user.isEnabled() && !barredHere.contains(user.getId()))
                    .limit(MAX_APPROVERS)
                    .map(user -> new AccessRequest.Person(user.getId(), user.getUsername()))
                    .toList();
            stages.add(stage.withApprovers(people));
        }
        return request.withStages(stages);
    }

    /** Enough holders that the barred ones (at most the request's people and its stages' deciders) leave 20. */
    private Map<String, UserModel> holders(String role) {
        return holders.computeIfAbsent(role, name -> new RoleHolders(session, realm).of(name, MAX_APPROVERS + 16));
    }
}
