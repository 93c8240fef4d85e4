package dev.partneraccess.core.access;

/** A scheduled task's lease row, held locked: when and where the task last ran. */
public interface TaskLease {

    long getLastRunAt();

    void setLastRunAt(long lastRunAt);

    void setNode(String node);
}
