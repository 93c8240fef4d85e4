package dev.partneraccess.core.jpa;

import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;

import dev.partneraccess.core.evidence.LedgerCheck;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

/** The ledger checks of each realm ({@code PA_LEDGER_CHECK}, one row per realm): every read, lock and write of them. */
public final class LedgerCheckStore {

    private final KeycloakSession session;

    public LedgerCheckStore(KeycloakSession session) {
        this.session = session;
    }

    private EntityManager em() {
        return session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }

    /** The realm's check row, locked for the rest of the transaction; null when the realm was never checked. */
    public LedgerCheck lock(String realmId) {
        return wrap(em().find(LedgerCheckEntity.class, realmId, LockModeType.PESSIMISTIC_WRITE));
    }

    /** The realm's last check as it stands, not locked; null when the realm was never checked. */
    public LedgerCheck find(String realmId) {
        return wrap(em().find(LedgerCheckEntity.class, realmId));
    }

    /** A new check row for the realm, written by {@link #persist} once filled in. */
    public LedgerCheck create(String realmId) {
        LedgerCheckEntity entity = new LedgerCheckEntity();
        entity.setRealmId(realmId);
        return new LedgerCheckAdapter(entity);
    }

    public void persist(LedgerCheck created) {
        em().persist(((LedgerCheckAdapter) created).entity());
    }

    private static LedgerCheck wrap(LedgerCheckEntity entity) {
        return entity == null ? null : new LedgerCheckAdapter(entity);
    }
}
