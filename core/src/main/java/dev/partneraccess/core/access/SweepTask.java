package dev.partneraccess.core.access;

import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.timer.ScheduledTask;

import dev.partneraccess.core.jpa.LeaseStore;
import dev.partneraccess.core.spi.PartnerAccessProvider;

/**
 * The scheduled expiry sweep. Keycloak's cluster-aware runner keeps two nodes from running it at the same moment but
 * not from running it one after the other in the same interval, so the task first takes a lease in the database: a
 * row per task, locked and compared with its last run time. Only the node that moves the lease forward sweeps; the
 * others skip until the next interval.
 */
public final class SweepTask implements ScheduledTask {

    private static final Logger LOG = Logger.getLogger(SweepTask.class);
    public static final String NAME = "partner-access-expiry-sweep";

    private final long intervalMillis;
    private final String node;

    public SweepTask(long intervalMillis, String node) {
        this.intervalMillis = intervalMillis;
        this.node = node;
    }

    @Override
    public void run(KeycloakSession session) {
        KeycloakSessionFactory factory = session.getKeycloakSessionFactory();
        if (!takeLease(factory)) {
            LOG.debugf("%s: another node ran it in this interval", NAME);
            return;
        }
        LOG.debugf("%s: running on %s", NAME, node);
        session.getProvider(PartnerAccessProvider.class).sweep().runAll();
    }

    /**
     * Moves the lease to now if the last run was at least most of an interval ago (or lies in the future, after a
     * clock change); answers whether this node won it.
     */
    boolean takeLease(KeycloakSessionFactory factory) {
        boolean[] won = {false};
        try {
            KeycloakModelUtils.runJobInTransaction(factory, s -> {
                LeaseStore leases = s.getProvider(PartnerAccessProvider.class).leases();
                long now = Time.currentTimeMillis();
                TaskLease lease = leases.lock(NAME);
                if (lease == null) {
                    leases.create(NAME, now, node);
                    won[0] = true;
                    return;
                }
                long since = now - lease.getLastRunAt();
                if (since >= 0 && since < intervalMillis * 3 / 4) {
                    return;
                }
                lease.setLastRunAt(now);
                lease.setNode(node);
                won[0] = true;
            });
        } catch (RuntimeException raced) {
            // two nodes inserting the first lease at once: the loser sweeps next time
            LOG.debugf(raced, "%s: lease taken concurrently", NAME);
            return false;
        }
        return won[0];
    }

    @Override
    public String getTaskName() {
        return NAME;
    }
}
