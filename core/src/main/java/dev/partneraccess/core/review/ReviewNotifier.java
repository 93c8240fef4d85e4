package dev.partneraccess.core.review;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import dev.partneraccess.core.access.ApproverNotifier;
import dev.partneraccess.core.access.Mailer;
import dev.partneraccess.core.support.Json;

/**
 * Tells a review's reviewers by e-mail that it started, and once before it is due that items still await them,
 * through Keycloak's e-mail sender after the transaction commits; a reviewer without an e-mail address is skipped.
 * Links are built from the configured address of the server, not from a request, so the sweep's mails match.
 */
final class ReviewNotifier {

    /** At most this many reviewers are mailed per review and occasion. */
    static final int MAX_RECIPIENTS = 1000;

    private final KeycloakSession session;
    private final RealmModel realm;

    ReviewNotifier(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    void started(Review review, Collection<String> reviewerIds) {
        mail(review, reviewerIds, "Access review started: " + review.name(),
                "An access review started; partner access grants await your decision (keep or revoke).");
    }

    void reminder(Review review, Collection<String> reviewerIds) {
        mail(review, reviewerIds, "Access review due " + Json.isoTime(review.dueAt()) + ": " + review.name(),
                "An access review is due soon and items still await your decision; undecided items then take the"
                        + " review's default decision (" + review.defaultDecision() + ").");
    }

    private void mail(Review review, Collection<String> reviewerIds, String subject, String intro) {
        if (!Mailer.configured(realm)) {
            return;
        }
        String link = ApproverNotifier.link(session, realm, "reviews/" + review.id());
        List<Mailer.Mail> mails = new ArrayList<>();
        for (String id : reviewerIds) {
            if (mails.size() >= MAX_RECIPIENTS) {
                break;
            }
            UserModel user = session.users().getUserById(realm, id);
            if (user == null || user.getEmail() == null || user.getEmail().isBlank()) {
                continue;
            }
            Map<String, String> facts = new LinkedHashMap<>();
            facts.put("Review", review.name());
            facts.put("Due at", Json.isoTime(review.dueAt()));
            facts.put("Default decision", review.defaultDecision());
            facts.put("Review link", link);
            mails.add(Mailer.compose(user.getEmail(), subject, "Hello " + user.getUsername(), intro, facts,
                    "Your items: GET <review link>/items?awaiting=me; decide with POST <review link>/items/{itemId}/decision"
                            + " {\"decision\":\"keep\"|\"revoke\",\"justification\":\"...\"}"));
        }
        Mailer.afterCommit(session, realm, mails);
    }
}
