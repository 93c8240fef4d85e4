package dev.partneraccess.core.jpa;

import java.util.List;

import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.utils.KeycloakModelUtils;

import dev.partneraccess.core.access.GrantTotals;

import jakarta.persistence.EntityManager;

/**
 * The kept grant counts of each realm ({@code PA_GRANT_COUNT}, one row per realm): every read and write of them, and
 * the count of the grants themselves they are checked against.
 */
public final class GrantCountStore {

    private static final Logger LOG = Logger.getLogger(GrantCountStore.class);

    private final KeycloakSession session;

    public GrantCountStore(KeycloakSession session) {
        this.session = session;
    }

    private EntityManager em() {
        return session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }

    /** The realm's kept counts and when they were last checked. */
    public record Kept(GrantTotals totals, long checkedAt) {
    }

    /** The realm's kept counts as committed; null when the realm has no row yet. */
    public Kept kept(String realmId) {
        List<Object[]> rows = em().createQuery("select c.active, c.exceptions, c.checkedAt from PaGrantCount c"
                + " where c.realmId = :realmId", Object[].class).setParameter("realmId", realmId).getResultList();
        return rows.isEmpty() ? null
                : new Kept(new GrantTotals((Long) rows.get(0)[0], (Long) rows.get(0)[1]), (Long) rows.get(0)[2]);
    }

    /** The realm's ACTIVE grants, counted. */
    public GrantTotals counted(String realmId) {
        Object[] row = em().createQuery("select count(g), sum(case when g.exception = true then 1 else 0 end)"
                + " from PaGrant g where g.realmId = :realmId and g.status = 'ACTIVE'", Object[].class)
                .setParameter("realmId", realmId).getSingleResult();
        return new GrantTotals(number(row[0]), number(row[1]));
    }

    /** The kept counts and the counted ones, read in one statement (one snapshot of the database); null without a row. */
    public record Compared(GrantTotals kept, GrantTotals counted) {
    }

    public Compared compare(String realmId) {
        List<Object[]> rows = em().createQuery("select c.active, c.exceptions,"
                        + " (select count(g) from PaGrant g where g.realmId = c.realmId and g.status = 'ACTIVE'),"
                        + " (select count(x) from PaGrant x where x.realmId = c.realmId and x.status = 'ACTIVE'"
                        + " and x.exception = true)"
                        + " from PaGrantCount c where c.realmId = :realmId", Object[].class)
                .setParameter("realmId", realmId).getResultList();
        if (rows.isEmpty()) {
            return null;
        }
        Object[] row = rows.get(0);
        return new Compared(new GrantTotals(number(row[0]), number(row[1])), new GrantTotals(number(row[2]), number(row[3])));
    }

    /** Adds {@code delta} to the realm's row; false when the realm has no row. */
    public boolean add(String realmId, GrantTotals delta) {
        return em().createQuery("update PaGrantCount c set c.active = c.active + :active,"
                        + " c.exceptions = c.exceptions + :exceptions where c.realmId = :realmId")
                .setParameter("active", delta.active()).setParameter("exceptions", delta.exceptions())
                .setParameter("realmId", realmId).executeUpdate() > 0;
    }

    /** Sets the realm's counts and when they were checked. */
    public void set(String realmId, GrantTotals totals, long checkedAt) {
        em().createQuery("update PaGrantCount c set c.active = :active, c.exceptions = :exceptions,"
                        + " c.checkedAt = :checkedAt where c.realmId = :realmId")
                .setParameter("active", totals.active()).setParameter("exceptions", totals.exceptions())
                .setParameter("checkedAt", checkedAt).setParameter("realmId", realmId).executeUpdate();
    }

    public void checked(String realmId, long checkedAt) {
        em().createQuery("update PaGrantCount c set c.checkedAt = :checkedAt where c.realmId = :realmId")
                .setParameter("checkedAt", checkedAt).setParameter("realmId", realmId).executeUpdate();
    }

    /**
     * Creates the realm's row from the committed grants, in a short transaction of its own (as the chain head is
     * created), so that the row exists before any change is added to it; the loser of a race finds it there.
     */
    public void createCounted(String realmId) {
        try {
            KeycloakModelUtils.runJobInTransaction(session.getKeycloakSessionFactory(), s -> {
                GrantCountStore store = new GrantCountStore(s);
                if (store.kept(realmId) == null) {
                    GrantTotals counted = store.counted(realmId);
                    GrantCountEntity row = new GrantCountEntity();
                    row.setRealmId(realmId);
                    row.setActive(counted.active());
                    row.setExceptions(counted.exceptions());
                    // Counted just now: the sweep's next comparison is due an hour from now.
                    row.setCheckedAt(Time.currentTimeMillis());
                    store.em().persist(row);
                }
            });
        } catch (RuntimeException raced) {
            LOG.debugf(raced, "grant counts of realm %s were created concurrently", realmId);
        }
    }

    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }
}
