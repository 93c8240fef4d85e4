package dev.partneraccess.login;

import java.util.Optional;

import org.keycloak.authentication.InitiatedActionSupport;
import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.authentication.RequiredActionFactory;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.partneraccess.core.evidence.EvidenceType;
import dev.partneraccess.core.partner.Partner;
import dev.partneraccess.core.partner.PartnerDirectory;
import dev.partneraccess.core.policy.Policy;
import dev.partneraccess.core.policy.StoredPolicy;
import dev.partneraccess.core.spi.PartnerAccessProvider;
import dev.partneraccess.core.support.Json;

import dev.partneraccess.core.support.NoLifecycle;

/**
 * {@code partner-agreement}: the member accepts the policy's current agreement version or does not get in. Accepting
 * stores the version on the user and records {@code AGREEMENT_ACCEPTED}; a new version in the policy brings it back.
 */
public final class PartnerAgreementAction implements RequiredActionProvider, RequiredActionFactory, NoLifecycle<RequiredActionProvider> {

    public static final String PROVIDER_ID = Policy.AGREEMENT_ACTION;

    @Override
    public void evaluateTriggers(RequiredActionContext context) {
        // The gate adds this action to the login when it is due: it already knows the partner and the policy.
    }

    @Override
    public void requiredActionChallenge(RequiredActionContext context) {
        Optional<Policy.Agreement> agreement = agreement(context);
        if (agreement.isEmpty()) {
            context.success();
            return;
        }
        context.challenge(context.form()
                .setAttribute("partnerName", partnerName(context))
                .setAttribute("agreementVersion", agreement.get().version())
                .setAttribute("agreementUrl", agreement.get().url())
                .createForm("partner-agreement.ftl"));
    }

    @Override
    public void processAction(RequiredActionContext context) {
        Optional<Policy.Agreement> agreement = agreement(context);
        if (agreement.isEmpty()) {
            context.success();
            return;
        }
        var form = context.getHttpRequest().getDecodedFormParameters();
        UserModel user = context.getUser();
        if (!form.containsKey("accept")) {
            context.failure("partnerAgreementDeclined");
            return;
        }
        user.setSingleAttribute(PartnerLogin.AGREEMENT_VERSION, agreement.get().version());
        ObjectNode details = Json.object();
        details.put("version", agreement.get().version());
        details.put("url", agreement.get().url());
        details.put("acceptedAt", Json.isoTime(Time.currentTimeMillis()));
        Optional<Partner> partner = PartnerDirectory.partnerOf(context.getSession(), context.getRealm(), user);
        context.getSession().getProvider(PartnerAccessProvider.class).policies().current(context.getRealm()).ifPresent(p -> details.put("policyVersion", p.version()));
        context.getSession().getProvider(PartnerAccessProvider.class).ledger().append(context.getRealm().getId(), EvidenceType.AGREEMENT_ACCEPTED,
                PartnerLogin.actor(user), user.getId(), partner.map(Partner::id).orElse(null), details);
        context.success();
    }

    private static Optional<Policy.Agreement> agreement(RequiredActionContext context) {
        return context.getSession().getProvider(PartnerAccessProvider.class).policies().current(context.getRealm()).map(StoredPolicy::policy).map(Policy::agreement);
    }

    private static String partnerName(RequiredActionContext context) {
        return PartnerDirectory.partnerOf(context.getSession(), context.getRealm(), context.getUser()).map(Partner::name).orElse("");
    }

    @Override
    public InitiatedActionSupport initiatedActionSupport() {
        return InitiatedActionSupport.NOT_SUPPORTED;
    }

    @Override
    public String getDisplayText() {
        return "Partner agreement";
    }

    @Override
    public RequiredActionProvider create(KeycloakSession session) {
        return this;
    }




    @Override
    public void close() {
        // Both the provider and its factory; neither holds anything.
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
