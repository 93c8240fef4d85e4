package dev.partneraccess.rest;

import static dev.partneraccess.core.access.RequestService.PURPOSE_MAX;
import static dev.partneraccess.core.access.RequestService.PURPOSE_MIN;

import java.util.Locale;
import java.util.regex.Pattern;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import dev.partneraccess.core.access.NewServiceAccount;
import dev.partneraccess.core.access.Renewal;
import dev.partneraccess.core.partner.PartnerDirectory;
import dev.partneraccess.core.support.JsonBody;
import dev.partneraccess.core.support.Refusal;

/** The bodies of {@code POST /partners/{id}/service-accounts} and {@code POST /service-accounts/{id}/renew}. */
final class ServiceAccountInputs {

    static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");

    private ServiceAccountInputs() {
    }

    /**
     * A new service account of a partner. An unknown partner is answered before anything in the body, as it always
     * was; the service checks the partner again with the rest of its rules.
     */
    static NewServiceAccount newServiceAccount(KeycloakSession session, RealmModel realm, String partnerId, JsonBody body) {
        PartnerDirectory.byId(session, realm, partnerId).orElseThrow(() ->
                Refusal.notFound("Partner '" + partnerId + "' does not exist in realm '" + realm.getName() + "'."));
        return newServiceAccount(body);
    }

    static NewServiceAccount newServiceAccount(JsonBody body) {
        body.allowOnly("name", "purpose", "owner", "days");
        String name = body.requiredString("name", 40).toLowerCase(Locale.ROOT);
        if (!NAME.matcher(name).matches()) {
            throw Refusal.invalid("name", "'name' must be 1 to 40 lower-case letters, digits or dashes, starting with a letter or digit.");
        }
        String purpose = body.requiredText("purpose", PURPOSE_MIN, PURPOSE_MAX, "say what the integration does");
        String ownerId = body.requiredString("owner", 36);
        int days = body.requiredInt("days", 1, RequestInputs.DAYS_MAX);
        return new NewServiceAccount(name, purpose, ownerId, days);
    }

    /** A service account's renewal. */
    static Renewal renewal(JsonBody body) {
        return RequestInputs.renewal(body, "say why the integration is still needed");
    }
}
