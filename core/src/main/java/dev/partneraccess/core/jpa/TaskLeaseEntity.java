package dev.partneraccess.core.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** When a scheduled task last ran in the cluster, so that it runs once per interval whichever node fires. */
@Entity(name = "PaTaskLease")
@Table(name = "PA_TASK_LEASE")
@NamedQueries({
        @NamedQuery(name = "PA_TaskLease.all",
                query = "select l from PaTaskLease l")
})
public class TaskLeaseEntity {

    @Id
    @Column(name = "NAME", length = 64, nullable = false)
    private String name;

    @Column(name = "LAST_RUN_AT", nullable = false)
    private long lastRunAt;

    @Column(name = "NODE", length = 255)
    private String node;

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public long getLastRunAt() {
        return lastRunAt;
    }

    public void setLastRunAt(long lastRunAt) {
        this.lastRunAt = lastRunAt;
    }

    public String getNode() {
        return node;
    }

    public void setNode(String node) {
        this.node = node;
    }
}
