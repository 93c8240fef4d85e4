package dev.partneraccess.core.access;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.partneraccess.core.evidence.EvidenceLedger;
import dev.partneraccess.core.evidence.EvidenceType;
import dev.partneraccess.core.partner.Partner;
import dev.partneraccess.core.partner.PartnerDirectory;
import dev.partneraccess.core.support.Actor;
import dev.partneraccess.core.support.Json;

/**
 * Tells a grant's holder and the partner's business owner that the grant ends soon, and records
 * {@code EXPIRY_NOTICE_SENT} in the sweep batch's transaction; the mail leaves after that transaction commits.
 */
final class ExpiryNotifier {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final EvidenceLedger ledger;

    ExpiryNotifier(KeycloakSession session, RealmModel realm, EvidenceLedger ledger) {
        this.session = session;
        this.realm = realm;
        this.ledger = ledger;
    }

    void notice(GrantModel grant, int thresholdDays, long now) {
        UserModel holder = session.users().getUserById(realm, grant.getUserId());
        Optional<Partner> partner = PartnerDirectory.byId(session, realm, grant.getPartnerId());
        UserModel owner = partner.map(Partner::businessOwner).map(id -> session.users().getUserById(realm, id)).orElse(null);
        List<Mailer.Mail> mails = new ArrayList<>();
        ArrayNode recipients = Json.array();
        boolean smtp = Mailer.configured(realm);
        java.util.Set<String> addresses = new java.util.LinkedHashSet<>();
        for (UserModel to : new UserModel[] {holder, owner}) {
            if (to == null || to.getEmail() == null || to.getEmail().isBlank() || !addresses.add(to.getEmail())) {
                continue; // no address, or the holder is the owner: one mail
            }
            recipients.add(to.getEmail());
            mails.add(compose(to, holder, grant, partner.map(Partner::name).orElse(grant.getPartnerId()), thresholdDays));
        }
        ObjectNode details = GrantService.grantDetails(grant);
        details.put("thresholdDays", thresholdDays);
        details.put("expiresAt", Json.isoTime(grant.getExpiresAt()));
        details.put("hoursLeft", Math.max(0, (grant.getExpiresAt() - now) / 3_600_000));
        details.set("recipients", recipients);
        details.put("mailed", smtp && !mails.isEmpty());
        ledger.append(realm.getId(), EvidenceType.EXPIRY_NOTICE_SENT, Actor.SYSTEM, grant.getId(), grant.getPartnerId(), details);
        Mailer.afterCommit(session, realm, mails);
    }

    private Mailer.Mail compose(UserModel to, UserModel holder, GrantModel grant, String partnerName, int thresholdDays) {
        String who = holder == null ? grant.getUserId() : holder.getUsername();
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("Access", GovernedRoles.describe(grant.getRoleName(), grant.getClientId()));
        facts.put("Holder", who);
        facts.put("Partner", partnerName);
        facts.put("Ends at", Json.isoTime(grant.getExpiresAt()));
        facts.put("Grant", grant.getId());
        facts.put("Grant link", ApproverNotifier.link(session, realm, "grants/" + grant.getId()));
        return Mailer.compose(to.getEmail(), "Partner access ends within " + thresholdDays + (thresholdDays == 1 ? " day" : " days")
                        + ": " + grant.getRoleName() + " for " + who,
                "Hello " + to.getUsername(),
                "A partner access grant ends soon. Without a renewal approved by the partner's business owner it will be removed.",
                facts, "To keep it, ask for a renewal: POST <grant link>/renew {\"days\":..,\"justification\":\"...\"}");
    }

    /**
     * Tells a service account's owner that the account ends ({@code secret} false) or that its secret must be rotated
     * ({@code secret} true) by {@code deadline}, within {@code thresholdDays}.
     */
    void serviceAccountNotice(ServiceAccountModel account, boolean secret, long deadline,
                              int thresholdDays, long now) {
        UserModel owner = session.users().getUserById(realm, account.getOwner());
        List<Mailer.Mail> mails = new ArrayList<>();
        ArrayNode recipients = Json.array();
        if (owner != null && owner.getEmail() != null && !owner.getEmail().isBlank()) {
            recipients.add(owner.getEmail());
            Map<String, String> facts = new LinkedHashMap<>();
            facts.put("Service account", account.getClientId());
            facts.put("Purpose", account.getPurpose());
            facts.put(secret ? "Secret too old from" : "Ends at", Json.isoTime(deadline));
            facts.put("Link", ApproverNotifier.link(session, realm, "service-accounts/" + account.getId()));
            String when = thresholdDays + (thresholdDays == 1 ? " day" : " days");
            mails.add(Mailer.compose(owner.getEmail(), secret
                            ? "Rotate the secret of " + account.getClientId() + " within " + when
                            : "Service account " + account.getClientId() + " ends within " + when,
                    "Hello " + owner.getUsername(),
                    secret ? "The secret of a partner service account you own is about to exceed the age its tier allows;"
                            + " the account is then disabled until the secret is rotated."
                            : "A partner service account you own ends soon. Without a renewal approved by the partner's business"
                            + " owner it will be disabled.",
                    facts, secret ? "Rotate it with POST <link>/rotate." : "Ask for a renewal with POST <link>/renew."));
        }
        ObjectNode details = Json.object();
        details.put("clientId", account.getClientId());
        details.put("kind", secret ? "serviceAccountSecret" : "serviceAccountExpiry");
        details.put("thresholdDays", thresholdDays);
        details.put("deadline", Json.isoTime(deadline));
        details.put("hoursLeft", Math.max(0, (deadline - now) / 3_600_000));
        details.set("recipients", recipients);
        details.put("mailed", Mailer.configured(realm) && !mails.isEmpty());
        ledger.append(realm.getId(), EvidenceType.EXPIRY_NOTICE_SENT, Actor.SYSTEM, account.getId(), account.getPartnerId(), details);
        Mailer.afterCommit(session, realm, mails);
    }
}
