package dev.partneraccess.core.access;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import dev.partneraccess.core.partner.Partner;
import dev.partneraccess.core.support.Links;

/**
 * Tells approvers by e-mail that a stage awaits them, through Keycloak's e-mail sender and the realm's SMTP settings.
 * Messages go out only after the decision's transaction has committed (a rolled-back request mails nobody, and a
 * slow mail server never holds a lock); a realm without SMTP settings, or a failing server, is logged and never
 * fails the request. Recipients are the users holding the stage's role directly (or the business owner), at most
 * {@value #MAX_RECIPIENTS} per stage, never the requester or the beneficiary.
 */
public final class ApproverNotifier {

    private static final Logger LOG = Logger.getLogger(ApproverNotifier.class);
    static final int MAX_RECIPIENTS = 100;

    private final KeycloakSession session;
    private final RealmModel realm;

    public ApproverNotifier(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    void stagesAwaiting(RequestModel request, List<StageModel> stages, UserModel beneficiary, UserModel requester,
                        Partner partner) {
        if (!Mailer.configured(realm)) {
            LOG.warnf("realm %s has no SMTP settings: approvers of request %s are not notified by e-mail",
                    realm.getName(), request.getId());
            return;
        }
        String link = link(session, realm, "requests/" + request.getId());
        List<Mailer.Mail> mails = new ArrayList<>();
        for (StageModel stage : stages) {
            for (UserModel approver : recipients(stage).values()) {
                if (approver.getId().equals(request.getUserId()) || approver.getId().equals(request.getCreatedBy())
                        || approver.getEmail() == null || approver.getEmail().isBlank()) {
                    continue;
                }
                mails.add(compose(approver, stage, request, beneficiary, requester, partner, link));
            }
        }
        if (mails.isEmpty()) {
            LOG.warnf("request %s: no approver with an e-mail address holds the awaited stages", request.getId());
        }
        Mailer.afterCommit(session, realm, mails);
    }

    /**
     * Tells the holders of an escalated stage's escalation role that it waits for them too, after the sweep's batch
     * commits; never the requester or the beneficiary.
     */
    void stageEscalated(RequestModel request, StageModel stage, int days, UserModel beneficiary, Partner partner) {
        if (!Mailer.configured(realm) || partner == null) {
            return;
        }
        UserModel requester = session.users().getUserById(realm, request.getCreatedBy());
        String link = link(session, realm, "requests/" + request.getId());
        List<Mailer.Mail> mails = new ArrayList<>();
        for (UserModel approver : new RoleHolders(session, realm).of(stage.getEscalationRole(), MAX_RECIPIENTS).values()) {
            if (approver.getId().equals(request.getUserId()) || approver.getId().equals(request.getCreatedBy())
                    || approver.getEmail() == null || approver.getEmail().isBlank()) {
                continue;
            }
            Mailer.Mail mail = compose(approver, stage, request, beneficiary, requester, partner, link);
            String subject = "Escalated after " + days + " days: " + mail.subject();
            String intro = "A partner access request has waited " + days + " days for its '" + stage.getStage()
                    + "' stage and was escalated to you: you may decide it now.";
            mails.add(new Mailer.Mail(mail.address(), subject,
                    mail.text().replace("A partner access request awaits your decision.", intro),
                    mail.html().replace(Mailer.escape("A partner access request awaits your decision."), Mailer.escape(intro))));
        }
        Mailer.afterCommit(session, realm, mails);
    }

    /**
     * The admin API address of one of the realm's resources, built from the configured address of the server (see
     * {@link Links}), so that a link mailed by the sweep outside any request is the same as one mailed from a request.
     */
    public static String link(KeycloakSession session, RealmModel realm, String path) {
        return Links.base(session, realm) + "admin/realms/" + realm.getName() + "/partner-access/" + path;
    }

    private Map<String, UserModel> recipients(StageModel stage) {
        Map<String, UserModel> users = new LinkedHashMap<>();
        if (stage.getApproverUser() != null) {
            UserModel owner = session.users().getUserById(realm, stage.getApproverUser());
            if (owner != null) {
                users.put(owner.getId(), owner);
            }
            return users;
        }
        users.putAll(new RoleHolders(session, realm).of(stage.getApproverRole(), MAX_RECIPIENTS));
        return users;
    }

    private static Mailer.Mail compose(UserModel approver, StageModel stage, RequestModel request, UserModel beneficiary,
                                       UserModel requester, Partner partner, String link) {
        String who = beneficiary == null ? request.getUserId() : beneficiary.getUsername();
        String subject = "Approval needed (" + stage.getStage() + "): " + request.getRoleName() + " for " + who
                + (partner == null ? "" : " of " + partner.name());
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("Stage awaiting your decision", stage.getStage());
        facts.put("Request type", request.getType());
        if (partner != null) {
            facts.put("Partner", partner.name() + " (tier " + partner.tier() + ", region " + partner.region() + ")");
        }
        facts.put("Beneficiary", who);
        facts.put("Access", GovernedRoles.describe(request.getRoleName(), request.getClientId()));
        facts.put("Days", Integer.toString(request.getDays()));
        facts.put("Business purpose", request.getBusinessPurpose());
        dev.partneraccess.core.jpa.RequestStore.answers(request.getAnswers())
                .forEach((question, answer) -> facts.put("Answer to '" + question + "'", answer));
        if (request.getExceptionReason() != null) {
            facts.put("Exception to the policy", request.getExceptionReason());
        }
        facts.put("Requested by", requester == null ? request.getCreatedBy() : requester.getUsername());
        facts.put("Request", request.getId());
        facts.put("Request link", link);
        return Mailer.compose(approver.getEmail(), subject, "Hello " + approver.getUsername(),
                "A partner access request awaits your decision.", facts,
                "Decide with POST " + link + "/decision {\"stage\":\"" + stage.getStage()
                        + "\",\"decision\":\"approve\"|\"reject\",\"justification\":\"...\"}");
    }
}
