package dev.partneraccess.core.access;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.partneraccess.core.evidence.EvidenceType;
import dev.partneraccess.core.jpa.RequestStore;
import dev.partneraccess.core.partner.Partner;
import dev.partneraccess.core.partner.PartnerDirectory;
import dev.partneraccess.core.policy.Policy;
import dev.partneraccess.core.policy.StoredPolicy;
import dev.partneraccess.core.support.Actor;

/**
 * Stages still pending {@code escalateAfterDays} after their request was made are escalated, once: the holders of
 * the stage definition's {@code escalateTo.approverRole} may decide them too, {@code STAGE_ESCALATED} is recorded and
 * they are mailed after the commit. Each request is re-checked under its row lock, and an escalated stage carries its
 * time, so a second run (or a second node) escalates nothing again.
 */
final class EscalationStep implements SweepStep {

    private static final long DAY = TimeUnit.DAYS.toMillis(1);

    @Override
    public SweepCounts run(SweepRun run) {
        run.loop(() -> batch(run));
        return SweepCounts.NONE;
    }

    private static int batch(SweepRun run) {
        AtomicInteger found = new AtomicInteger();
        run.inRealm((s, realm) -> {
            Optional<StoredPolicy> policy = SweepRun.access(s).policies().current(realm);
            if (policy.isEmpty()) {
                return;
            }
            RequestStore store = SweepRun.access(s).requestStore(realm);
            for (Policy.Stage definition : policy.get().policy().stages().values()) {
                if (definition.escalateAfterDays() == null || found.get() >= run.batchSize()) {
                    continue;
                }
                long createdBefore = run.now() - definition.escalateAfterDays() * DAY;
                List<String> due = store.escalationCandidates(definition.name(), createdBefore, run.batchSize() - found.get());
                found.addAndGet(due.size());
                for (RequestModel request : store.lockAll(due)) {
                    if (RequestService.PENDING.equals(request.getStatus()) && request.getCreatedAt() <= createdBefore) {
                        escalate(s, realm, store, request, definition, policy.get().version(), run.now());
                    }
                }
            }
        });
        return found.get();
    }

    private static void escalate(KeycloakSession session, RealmModel realm, RequestStore store, RequestModel request,
                                 Policy.Stage definition, int policyVersion, long now) {
        Optional<StageModel> pending = store.stagesOf(request.getId()).stream()
                .filter(stage -> stage.getStage().equals(definition.name()) && RequestService.PENDING.equals(stage.getStatus())
                        && stage.getEscalatedAt() == null)
                .findFirst();
        if (pending.isEmpty()) {
            return;
        }
        StageModel stage = pending.get();
        String role = Approvers.normalise(definition.escalateRole());
        stage.setEscalatedAt(now);
        stage.setEscalationRole(role);
        ObjectNode details = RequestEvidence.details(request);
        details.put("stage", stage.getStage());
        details.put("escalateAfterDays", definition.escalateAfterDays().intValue());
        details.put("escalateTo", role);
        details.put("policyVersion", policyVersion);
        SweepRun.access(session).ledger().append(realm.getId(), EvidenceType.STAGE_ESCALATED, Actor.SYSTEM,
                request.getId(), request.getPartnerId(), details);
        UserModel beneficiary = session.users().getUserById(realm, request.getUserId());
        Partner partner = PartnerDirectory.byId(session, realm, request.getPartnerId()).orElse(null);
        new ApproverNotifier(session, realm).stageEscalated(request, stage, definition.escalateAfterDays(), beneficiary,
                partner);
    }
}
