package dev.partneraccess.core.access;

import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.partneraccess.core.evidence.EvidenceLedger;
import dev.partneraccess.core.evidence.EvidenceType;
import dev.partneraccess.core.jpa.DelegationStore;
import dev.partneraccess.core.spi.PartnerAccessProvider;
import dev.partneraccess.core.support.Actor;
import dev.partneraccess.core.support.Json;
import dev.partneraccess.core.support.Refusal;
import dev.partneraccess.core.support.TextRules;

/**
 * An approver lets another user decide, until a date, the stages the approver may decide (holiday cover). One
 * delegation per approver; a new one replaces it, {@link #end} withdraws it, and it stops working at its date by the
 * server's clock ({@link Deciders} reads only running ones). Separation of duties binds the delegate for both persons
 * ({@link RequestDecisions}). Each change is recorded under the realm's evidence lock.
 */
public final class DelegationService {

    /** The longest a delegation may run. */
    public static final int MAX_DAYS = 90;

    private final KeycloakSession session;
    private final RealmModel realm;
    private final EvidenceLedger ledger;
    private final DelegationStore store;

    public DelegationService(KeycloakSession session, RealmModel realm, PartnerAccessProvider access) {
        this.session = session;
        this.realm = realm;
        this.ledger = access.ledger();
        this.store = access.delegationStore(realm);
    }

    /** The caller's delegation while it runs; empty when there is none or it has ended. */
    public Optional<Delegation> of(UserModel approver) {
        long now = Time.currentTimeMillis();
        return store.from(approver.getId()).filter(d -> d.activeAt(now));
    }

    /**
     * Lets {@code toUserId} decide the caller's stages until {@code until} (epoch milliseconds): in the future, at most
     * {@value #MAX_DAYS} days ahead, to an existing user who is not the caller.
     */
    public Delegation delegate(UserModel approver, String toUserId, long until, Actor actor) {
        long now = Time.currentTimeMillis();
        if (toUserId.equals(approver.getId())) {
            throw Refusal.invalid("to", "You cannot delegate your approvals to yourself.");
        }
        UserModel delegate = TextRules.plausibleId(toUserId) ? session.users().getUserById(realm, toUserId) : null;
        if (delegate == null) {
            throw Refusal.invalid("to", "No user '" + toUserId + "' in this realm.");
        }
        if (delegate.getServiceAccountClientLink() != null) {
            throw Refusal.invalid("to", "Approvals are delegated to people, not to service accounts.");
        }
        if (until <= now) {
            throw Refusal.invalid("until", "'until' must be in the future.");
        }
        if (until > now + TimeUnit.DAYS.toMillis(MAX_DAYS)) {
            throw Refusal.invalid("until", "A delegation runs at most " + MAX_DAYS + " days: 'until' may be at most "
                    + Json.isoTime(now + TimeUnit.DAYS.toMillis(MAX_DAYS)) + ".");
        }
        ledger.lock(realm.getId());
        Optional<Delegation> previous = store.from(approver.getId()).filter(d -> d.activeAt(now));
        Delegation delegation = store.put(approver.getId(), delegate.getId(), until, now);
        ObjectNode details = Json.object();
        details.put("to", delegate.getId());
        details.put("toUsername", delegate.getUsername());
        details.put("until", Json.isoTime(until));
        previous.filter(p -> !p.toUserId().equals(delegate.getId())).ifPresent(p -> details.put("replaces", p.toUserId()));
        ledger.append(realm.getId(), EvidenceType.APPROVAL_DELEGATED, actor, approver.getId(), null, details);
        return delegation;
    }

    /** Ends the caller's delegation; refused as not found when none is running. */
    public void end(UserModel approver, Actor actor) {
        long now = Time.currentTimeMillis();
        ledger.lock(realm.getId());
        Delegation ended = store.remove(approver.getId()).filter(d -> d.activeAt(now)).orElseThrow(() ->
                Refusal.notFound("You have no running delegation."));
        ledger.append(realm.getId(), EvidenceType.APPROVAL_DELEGATION_ENDED, actor, approver.getId(), null,
                ended(ended, "withdrawn"));
    }

    /**
     * The sweep's end of the approver's delegation when it is past its date at {@code now} (re-read under the
     * caller's evidence lock: a new one set meanwhile stays): the row goes, the ledger says it ended.
     */
    void lapse(String approverId, long now) {
        Optional<Delegation> current = store.from(approverId);
        if (current.isEmpty() || current.get().activeAt(now)) {
            return;
        }
        store.remove(approverId);
        ledger.append(realm.getId(), EvidenceType.APPROVAL_DELEGATION_ENDED, Actor.SYSTEM, approverId, null,
                ended(current.get(), "expired"));
    }

    private ObjectNode ended(Delegation delegation, String reason) {
        ObjectNode details = Json.object();
        details.put("to", delegation.toUserId());
        UserModel delegate = session.users().getUserById(realm, delegation.toUserId());
        details.put("toUsername", delegate == null ? null : delegate.getUsername());
        details.put("until", Json.isoTime(delegation.until()));
        details.put("reason", reason);
        return details;
    }
}
