package dev.partneraccess.core.jpa;

import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;

import dev.partneraccess.core.access.TaskLease;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

/** The scheduled tasks' lease rows ({@code PA_TASK_LEASE}, one per task): every lock and write of them is here. */
public final class LeaseStore {

    private final KeycloakSession session;

    public LeaseStore(KeycloakSession session) {
        this.session = session;
    }

    private EntityManager em() {
        return session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }

    /** The task's lease, locked for the rest of the transaction; null when the task never ran. */
    public TaskLease lock(String name) {
        TaskLeaseEntity lease = em().find(TaskLeaseEntity.class, name, LockModeType.PESSIMISTIC_WRITE);
        return lease == null ? null : new Adapter(lease);
    }

    /** Writes the task's first lease, taken now by {@code node}. */
    public void create(String name, long lastRunAt, String node) {
        TaskLeaseEntity lease = new TaskLeaseEntity();
        lease.setName(name);
        lease.setLastRunAt(lastRunAt);
        lease.setNode(node);
        em().persist(lease);
    }

    private static final class Adapter implements TaskLease {

        private final TaskLeaseEntity entity;

        Adapter(TaskLeaseEntity entity) {
            this.entity = entity;
        }

        @Override
        public long getLastRunAt() {
            return entity.getLastRunAt();
        }

        @Override
        public void setLastRunAt(long lastRunAt) {
            entity.setLastRunAt(lastRunAt);
        }

        @Override
        public void setNode(String node) {
            entity.setNode(node);
        }
    }
}
