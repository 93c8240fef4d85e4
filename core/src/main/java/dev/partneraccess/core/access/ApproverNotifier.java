package dev.partneraccess.core.access;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jboss.logging.Logger;
import org.keycloak.email.EmailException;
import org.keycloak.email.EmailSenderProvider;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;

import dev.partneraccess.core.jpa.RequestEntity;
import dev.partneraccess.core.jpa.StageEntity;
import dev.partneraccess.core.partner.Partner;

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

    record Mail(String address, String subject, String text, String html) {
    }

    void stagesAwaiting(RequestEntity request, List<StageEntity> stages, UserModel beneficiary, UserModel requester,
                        Partner partner) {
        Map<String, String> smtp = realm.getSmtpConfig();
        if (smtp == null || smtp.get("host") == null || smtp.get("host").isBlank()) {
            LOG.warnf("realm %s has no SMTP settings: approvers of request %s are not notified by e-mail",
                    realm.getName(), request.getId());
            return;
        }
        URI base = session.getContext().getUri() == null ? null : session.getContext().getUri().getBaseUri();
        String link = (base == null ? "/" : base.toString()) + "admin/realms/" + realm.getName()
                + "/partner-access/requests/" + request.getId();
        List<Mail> mails = new ArrayList<>();
        for (StageEntity stage : stages) {
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
            return;
        }
        Map<String, String> config = Map.copyOf(smtp);
        session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                send(config, mails);
            }

            @Override
            protected void rollbackImpl() {
                // nothing was decided, so nobody is told
            }
        });
    }

    private Map<String, UserModel> recipients(StageEntity stage) {
        Map<String, UserModel> users = new LinkedHashMap<>();
        if (stage.getApproverUser() != null) {
            UserModel owner = session.users().getUserById(realm, stage.getApproverUser());
            if (owner != null) {
                users.put(owner.getId(), owner);
            }
            return users;
        }
        List<RoleModel> roles = session.roles().searchForRolesStream(realm, stage.getApproverRole(), 0, 20)
                .filter(role -> Approvers.normalise(role.getName()).equals(stage.getApproverRole()))
                .toList();
        for (RoleModel role : roles) {
            session.users().getRoleMembersStream(realm, role, 0, MAX_RECIPIENTS)
                    .forEach(user -> users.putIfAbsent(user.getId(), user));
        }
        return users;
    }

    private static Mail compose(UserModel approver, StageEntity stage, RequestEntity request, UserModel beneficiary,
                                UserModel requester, Partner partner, String link) {
        String who = beneficiary == null ? request.getUserId() : beneficiary.getUsername();
        String what = GovernedRoles.describe(request.getRoleName(), request.getClientId());
        String subject = "Approval needed (" + stage.getStage() + "): " + request.getRoleName() + " for " + who
                + " of " + partner.name();
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("Stage awaiting your decision", stage.getStage());
        facts.put("Partner", partner.name() + " (tier " + partner.tier() + ", region " + partner.region() + ")");
        facts.put("Beneficiary", who);
        facts.put("Access", what);
        facts.put("Days", Integer.toString(request.getDays()));
        facts.put("Business purpose", request.getBusinessPurpose());
        facts.put("Requested by", requester == null ? request.getCreatedBy() : requester.getUsername());
        facts.put("Request", request.getId());
        facts.put("Request link", link);
        StringBuilder text = new StringBuilder("Hello " + approver.getUsername() + ",\n\n"
                + "a partner access request awaits your decision.\n\n");
        StringBuilder html = new StringBuilder("<p>Hello " + escape(approver.getUsername()) + ",</p>"
                + "<p>a partner access request awaits your decision.</p><table>");
        facts.forEach((label, value) -> {
            text.append(label).append(": ").append(value).append('\n');
            html.append("<tr><th align=\"left\">").append(escape(label)).append("</th><td>");
            if ("Request link".equals(label)) {
                html.append("<a href=\"").append(escape(value)).append("\">").append(escape(value)).append("</a>");
            } else {
                html.append(escape(value));
            }
            html.append("</td></tr>");
        });
        text.append("\nDecide with POST ").append(link).append("/decision {\"stage\":\"").append(stage.getStage())
                .append("\",\"decision\":\"approve\"|\"reject\",\"justification\":\"...\"}\n");
        html.append("</table>");
        return new Mail(approver.getEmail(), subject, text.toString(), html.toString());
    }

    private void send(Map<String, String> config, List<Mail> mails) {
        EmailSenderProvider sender = session.getProvider(EmailSenderProvider.class);
        for (Mail mail : mails) {
            try {
                sender.send(config, mail.address(), mail.subject(), mail.text(), mail.html());
            } catch (EmailException | RuntimeException e) {
                LOG.warnf(e, "could not e-mail approver %s about a partner access request", mail.address());
            }
        }
    }

    private static String escape(String value) {
        return value == null ? "" : value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
