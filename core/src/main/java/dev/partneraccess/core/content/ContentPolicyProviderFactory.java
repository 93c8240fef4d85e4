package dev.partneraccess.core.content;

import org.keycloak.Config;
import org.keycloak.authorization.AuthorizationProvider;
import org.keycloak.authorization.model.Policy;
import org.keycloak.authorization.model.Resource;
import org.keycloak.authorization.policy.evaluation.Evaluation;
import org.keycloak.authorization.policy.provider.PolicyProvider;
import org.keycloak.authorization.policy.provider.PolicyProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

import dev.partneraccess.core.spi.PartnerAccessProvider;

/**
 * The Authorization Services policy type {@value #ID}: grants {@code view} of a released content package to users
 * of an ACTIVE partner whose tier reaches the package's {@code minTier} and whose region it lists, until its release
 * ends ({@link ContentAccess}). It grants only inside a scope permission whose scopes are all {@code view}, so tying it
 * to a resource permission or to {@code edit} grants nothing. Applications ask Keycloak in the standard way (UMA
 * grant with {@code response_mode=decision}); the package comes from the node's {@link ContentReleaseCache} while its resource's stamp is unchanged, so a
 * decision on cached models makes no database statement.
 */
public final class ContentPolicyProviderFactory implements PolicyProviderFactory<ContentPolicyRepresentation> {

    public static final String ID = "partner-access-content";

    private static final PolicyProvider PROVIDER = new ContentPolicy();

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getName() {
        return "Partner access: released content";
    }

    @Override
    public String getGroup() {
        return "Others";
    }

    @Override
    public PolicyProvider create(AuthorizationProvider authorization) {
        return PROVIDER;
    }

    @Override
    public PolicyProvider create(KeycloakSession session) {
        return PROVIDER;
    }

    @Override
    public ContentPolicyRepresentation toRepresentation(Policy policy, AuthorizationProvider authorization) {
        return new ContentPolicyRepresentation();
    }

    @Override
    public Class<ContentPolicyRepresentation> getRepresentationType() {
        return ContentPolicyRepresentation.class;
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }

    /** Stateless: everything it needs comes with the evaluation. */
    static final class ContentPolicy implements PolicyProvider {

        @Override
        public void evaluate(Evaluation evaluation) {
            Resource resource = evaluation.getPermission().getResource();
            if (resource == null || !viewOnly(evaluation.getParentPolicy())) {
                evaluation.deny();
                return;
            }
            AuthorizationProvider authorization = evaluation.getAuthorizationProvider();
            KeycloakSession session = authorization.getKeycloakSession();
            String userId = evaluation.getContext().getIdentity().getId();
            if (session.getProvider(PartnerAccessProvider.class).contents(authorization.getRealm()).mayView(userId, resource)) {
                evaluation.grant();
            } else {
                evaluation.deny();
            }
        }

        /** Only a scope permission on {@code view} alone: this policy never grants {@code edit} or a whole resource. */
        static boolean viewOnly(Policy permission) {
            return permission != null && "scope".equals(permission.getType()) && !permission.getScopes().isEmpty()
                    && permission.getScopes().stream().allMatch(scope -> ContentAuthorization.VIEW.equals(scope.getName()));
        }

        @Override
        public void close() {
        }
    }
}
