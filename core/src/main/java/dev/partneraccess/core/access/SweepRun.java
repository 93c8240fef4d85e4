package dev.partneraccess.core.access;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

import dev.partneraccess.core.spi.PartnerAccessProvider;

/**
 * What the steps of one sweep of one realm share: the realm, the time the sweep started at, the batch size and the
 * number of batches each step may run, and a transaction of its own for every batch.
 */
final class SweepRun {

    interface RealmWork {
        void run(KeycloakSession session, RealmModel realm);
    }

    interface Batch {
        /** Answers how many items the batch found due (not how many it changed). */
        int run();
    }

    private final KeycloakSessionFactory factory;
    private final String realmId;
    private final long now;
    private final int batchSize;
    private final int maxBatches;

    SweepRun(KeycloakSessionFactory factory, String realmId, long now, int batchSize, int maxBatches) {
        this.factory = factory;
        this.realmId = realmId;
        this.now = now;
        this.batchSize = batchSize;
        this.maxBatches = maxBatches;
    }

    KeycloakSessionFactory factory() {
        return factory;
    }

    String realmId() {
        return realmId;
    }

    long now() {
        return now;
    }

    int batchSize() {
        return batchSize;
    }

    int maxBatches() {
        return maxBatches;
    }

    /** Runs {@code batch} until it finds less than a full batch, at most {@code maxBatches} times. */
    int loop(Batch batch) {
        int total = 0;
        for (int i = 0; i < maxBatches; i++) {
            int found = batch.run();
            total += found;
            if (found < batchSize) {
                break;
            }
        }
        return total;
    }

    /** Runs {@code work} in a transaction of its own, with the realm set on the session; nothing if the realm is gone. */
    void inRealm(RealmWork work) {
        KeycloakModelUtils.runJobInTransaction(factory, s -> {
            RealmModel realm = s.realms().getRealm(realmId);
            if (realm == null) {
                return;
            }
            s.getContext().setRealm(realm);
            work.run(s, realm);
        });
    }

    static PartnerAccessProvider access(KeycloakSession session) {
        return session.getProvider(PartnerAccessProvider.class);
    }
}
