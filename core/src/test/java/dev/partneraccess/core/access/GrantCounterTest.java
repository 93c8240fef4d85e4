package dev.partneraccess.core.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakTransaction;
import org.keycloak.models.KeycloakTransactionManager;
import org.keycloak.models.RealmModel;
import org.mockito.InOrder;

import dev.partneraccess.core.evidence.EvidenceLedger;
import dev.partneraccess.core.jpa.GrantCountStore;

class GrantCounterTest {

    private static final String REALM = "realm-1";
    private static final long HOUR = GrantCountCheck.EVERY;

    private final List<KeycloakTransaction> prepared = new ArrayList<>();
    private GrantCountStore store;
    private EvidenceLedger ledger;
    private GrantCounter counter;

    @BeforeEach
    void counter() {
        KeycloakSession session = mock(KeycloakSession.class);
        KeycloakTransactionManager transactions = mock(KeycloakTransactionManager.class);
        when(session.getTransactionManager()).thenReturn(transactions);
        org.mockito.Mockito.doAnswer(call -> prepared.add(call.getArgument(0))).when(transactions).enlistPrepare(any());
        RealmModel realm = mock(RealmModel.class);
        when(realm.getId()).thenReturn(REALM);
        store = mock(GrantCountStore.class);
        ledger = mock(EvidenceLedger.class);
        counter = new GrantCounter(session, realm, store, ledger);
    }

    private void commit() {
        prepared.forEach(t -> {
            t.begin();
            t.commit();
        });
        prepared.clear();
    }

    @Test
    @DisplayName("Given a transaction that issues three grants and ends one exception, then one write adds its net change under the chain lock")
    void oneTransactionWritesItsNetChangeOnceUnderTheChainLock() {
        when(store.kept(REALM)).thenReturn(new GrantCountStore.Kept(new GrantTotals(4, 1), HOUR));
        when(store.add(REALM, new GrantTotals(2, -1))).thenReturn(true);
        counter.issued(false);
        counter.issued(false);
        counter.issued(false);
        counter.ended(true);

        assertThat(prepared).hasSize(1);
        commit();

        InOrder order = inOrder(ledger, store);
        order.verify(ledger).lock(REALM);
        order.verify(store).add(REALM, new GrantTotals(2, -1));
        verify(store, never()).createCounted(REALM);
    }

    @Test
    @DisplayName("Given a realm without a count row, then the row is created from the committed grants before any update looks for it, and the change added once")
    void aRealmWithoutARowGetsOneCountedFirst() {
        when(store.add(REALM, new GrantTotals(1, 1))).thenReturn(true);
        counter.issued(true);
        commit();

        // An update that finds no row would hold a gap lock on MariaDB that the creating transaction waits on.
        InOrder order = inOrder(store);
        order.verify(store).kept(REALM);
        order.verify(store).createCounted(REALM);
        order.verify(store).add(REALM, new GrantTotals(1, 1));
        verify(store, times(1)).add(any(), any());
    }

    @Test
    @DisplayName("Given a transaction rolled back, then its changes are never written, and the next transaction writes only its own")
    void aRolledBackTransactionCountsNothing() {
        counter.issued(false);
        counter.issued(false);
        prepared.forEach(t -> {
            t.begin();
            t.rollback();
        });
        prepared.clear();
        verify(store, never()).add(any(), any());

        when(store.kept(REALM)).thenReturn(new GrantCountStore.Kept(new GrantTotals(3, 0), HOUR));
        when(store.add(REALM, new GrantTotals(-1, 0))).thenReturn(true);
        counter.ended(false);
        assertThat(prepared).hasSize(1);
        commit();
        verify(store, times(1)).add(REALM, new GrantTotals(-1, 0));
    }

    @Test
    @DisplayName("Given a grant issued and ended in the same transaction, then nothing is written and no lock is taken")
    void aNetZeroChangeWritesNothing() {
        counter.issued(false);
        counter.ended(false);
        commit();

        verify(store, never()).add(any(), any());
        verify(ledger, never()).lock(any());
    }

    @Test
    @DisplayName("Given kept counts checked less than an hour ago, then the check counts nothing")
    void aRecentCheckIsNotRepeated() {
        when(store.kept(REALM)).thenReturn(new GrantCountStore.Kept(new GrantTotals(5, 0), 10 * HOUR));

        assertThat(counter.check(10 * HOUR + HOUR - 1)).isEqualTo(GrantTotals.ZERO);
        verify(store, never()).compare(any());
    }

    @Test
    @DisplayName("Given kept counts that agree with the grants, then the check only records when it ran, without the chain lock")
    void agreeingCountsAreOnlyMarkedChecked() {
        when(store.kept(REALM)).thenReturn(new GrantCountStore.Kept(new GrantTotals(5, 1), HOUR));
        when(store.compare(REALM)).thenReturn(new GrantCountStore.Compared(new GrantTotals(5, 1), new GrantTotals(5, 1)));

        assertThat(counter.check(3 * HOUR)).isEqualTo(GrantTotals.ZERO);
        verify(store).checked(REALM, 3 * HOUR);
        verify(store, never()).set(any(), any(), org.mockito.ArgumentMatchers.anyLong());
        verify(ledger, never()).lock(any());
    }

    @Test
    @DisplayName("Given kept counts that drifted, then they are compared again under the chain lock and set to the counted ones")
    void aDriftIsRepairedUnderTheChainLock() {
        when(store.kept(REALM)).thenReturn(new GrantCountStore.Kept(new GrantTotals(7, 2), HOUR));
        when(store.compare(REALM)).thenReturn(new GrantCountStore.Compared(new GrantTotals(7, 2), new GrantTotals(4, 1)));

        assertThat(counter.check(3 * HOUR)).isEqualTo(new GrantTotals(3, 1));
        InOrder order = inOrder(ledger, store);
        order.verify(ledger).lock(REALM);
        order.verify(store).compare(REALM);
        order.verify(store).set(REALM, new GrantTotals(4, 1), 3 * HOUR);
    }

    @Test
    @DisplayName("Given a realm without a count row, then the report counts its grants and the check creates the row")
    void aRealmWithoutARowIsCounted() {
        when(store.counted(REALM)).thenReturn(new GrantTotals(9, 3));

        assertThat(counter.totals()).isEqualTo(new GrantTotals(9, 3));
        assertThat(counter.check(HOUR)).isEqualTo(GrantTotals.ZERO);
        verify(store).createCounted(REALM);
    }
}
