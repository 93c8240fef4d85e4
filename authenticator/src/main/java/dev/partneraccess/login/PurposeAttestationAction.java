package dev.partneraccess.login;

import java.util.Optional;

import org.keycloak.authentication.InitiatedActionSupport;
import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.authentication.RequiredActionFactory;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.FormMessage;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.partneraccess.core.evidence.EvidenceType;
import dev.partneraccess.core.partner.Partner;
import dev.partneraccess.core.partner.PartnerDirectory;
import dev.partneraccess.core.policy.Policy;
import dev.partneraccess.core.spi.PartnerAccessProvider;
import dev.partneraccess.core.support.Json;
import dev.partneraccess.core.support.TextRules;

import dev.partneraccess.core.support.NoLifecycle;

/**
 * {@code partner-purpose-attestation}: the member states the business purpose of their access (20 to 2000
 * characters). The statement is recorded as {@code PURPOSE_ATTESTED}; it is due again after the tier's
 * {@code attestationDays}.
 */
public final class PurposeAttestationAction implements RequiredActionProvider, RequiredActionFactory, NoLifecycle<RequiredActionProvider> {

    public static final String PROVIDER_ID = Policy.ATTESTATION_ACTION;
    static final int MIN = 20;
    static final int MAX = 2000;

    @Override
    public void evaluateTriggers(RequiredActionContext context) {
        // The gate adds this action to the login when it is due.
    }

    @Override
    public void requiredActionChallenge(RequiredActionContext context) {
        context.challenge(form(context, null, null));
    }

    private static jakarta.ws.rs.core.Response form(RequiredActionContext context, String purpose, String error) {
        var form = context.form()
                .setAttribute("partnerName", partner(context).map(Partner::name).orElse(""))
                .setAttribute("attestationDays", attestationDays(context));
        if (purpose != null) {
            form.setAttribute("purpose", purpose);
        }
        if (error != null) {
            form.addError(new FormMessage("purpose", error));
        }
        return form.createForm("partner-purpose-attestation.ftl");
    }

    @Override
    public void processAction(RequiredActionContext context) {
        String purpose = context.getHttpRequest().getDecodedFormParameters().getFirst("purpose");
        String text = purpose == null ? "" : purpose.strip();
        if (text.length() < MIN) {
            context.challenge(form(context, text, "partnerPurposeTooShort"));
            return;
        }
        if (text.length() > MAX) {
            context.challenge(form(context, text.substring(0, MAX), "partnerPurposeTooLong"));
            return;
        }
        if (TextRules.problem(text, TextRules.MULTI_LINE) != null) {
            // The same rules as every purpose sent to the API; the text is not echoed back with what made it wrong.
            context.challenge(form(context, null, "partnerPurposeInvalid"));
            return;
        }
        UserModel user = context.getUser();
        user.setSingleAttribute(PartnerLogin.ATTESTED_AT, Long.toString(Time.currentTime()));
        ObjectNode details = Json.object();
        details.put("purpose", text);
        details.put("attestationDays", attestationDays(context));
        context.getSession().getProvider(PartnerAccessProvider.class).policies().current(context.getRealm()).ifPresent(p -> details.put("policyVersion", p.version()));
        context.getSession().getProvider(PartnerAccessProvider.class).ledger().append(context.getRealm().getId(), EvidenceType.PURPOSE_ATTESTED,
                PartnerLogin.actor(user), user.getId(), partner(context).map(Partner::id).orElse(null), details);
        context.success();
    }

    private static Optional<Partner> partner(RequiredActionContext context) {
        return PartnerDirectory.partnerOf(context.getSession(), context.getRealm(), context.getUser());
    }

    private static int attestationDays(RequiredActionContext context) {
        Optional<Partner> partner = partner(context);
        return context.getSession().getProvider(PartnerAccessProvider.class).policies().current(context.getRealm())
                .flatMap(p -> partner.flatMap(pa -> p.policy().tier(pa.tier())))
                .map(Policy.Tier::attestationDays).orElse(0);
    }

    @Override
    public InitiatedActionSupport initiatedActionSupport() {
        return InitiatedActionSupport.NOT_SUPPORTED;
    }

    @Override
    public String getDisplayText() {
        return "Partner business-purpose attestation";
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
