package dev.partneraccess.core.access;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.RoleUtils;


/**
 * Who may decide a stage. A stage names either an approver realm role (stored lower-case, since regional roles match
 * the partner's region case-insensitively) or one user, the partner's business owner. A role counts however the
 * approver holds it: directly, through a group or through a composite role.
 */
public final class Approvers {

    private Approvers() {
    }

    /** The user's effective realm role names, lower-case. */
    public static Set<String> realmRoles(UserModel user) {
        return RoleUtils.getDeepUserRoleMappings(user).stream()
                .filter(role -> !role.isClientRole())
                .map(RoleModel::getName)
                .map(Approvers::normalise)
                .collect(Collectors.toSet());
    }

    /**
     * Whether the user may decide the stage by who they are: its business owner, a holder of its approver role, or,
     * once the stage was escalated, a holder of its escalation role. (Separation of duties comes on top.)
     */
    public static boolean mayDecide(StageModel stage, String userId, Set<String> realmRoles) {
        if (stage.getEscalationRole() != null && realmRoles.contains(stage.getEscalationRole())) {
            return true;
        }
        if (stage.getApproverUser() != null) {
            return stage.getApproverUser().equals(userId);
        }
        return stage.getApproverRole() != null && realmRoles.contains(stage.getApproverRole());
    }

    static String normalise(String roleName) {
        return roleName.toLowerCase(Locale.ROOT);
    }

    /** How the decider of a stage is described in a refusal. */
    static String describe(StageModel stage) {
        String who = stage.getApproverUser() != null
                ? "the partner's business owner"
                : "holders of the realm role '" + stage.getApproverRole() + "'";
        return stage.getEscalationRole() == null ? who
                : who + " and, since its escalation, holders of the realm role '" + stage.getEscalationRole() + "'";
    }
}
