package dev.partneraccess.core.access;

/** What one step of the sweep did; the sweep adds the counts of its steps up. */
record SweepCounts(int expired, int revoked, int serviceAccountsDisabled, int timedOut, int notices) {

    static final SweepCounts NONE = new SweepCounts(0, 0, 0, 0, 0);

    static SweepCounts expired(int expired) {
        return new SweepCounts(expired, 0, 0, 0, 0);
    }

    static SweepCounts serviceAccounts(int disabled, int revoked) {
        return new SweepCounts(0, revoked, disabled, 0, 0);
    }

    static SweepCounts timedOut(int timedOut) {
        return new SweepCounts(0, 0, 0, timedOut, 0);
    }

    static SweepCounts notices(int notices) {
        return new SweepCounts(0, 0, 0, 0, notices);
    }

    SweepCounts plus(SweepCounts other) {
        return new SweepCounts(expired + other.expired, revoked + other.revoked,
                serviceAccountsDisabled + other.serviceAccountsDisabled, timedOut + other.timedOut,
                notices + other.notices);
    }
}
