package dev.partneraccess.core.jpa;

import java.util.List;

import org.keycloak.models.ClientModel;

import dev.partneraccess.core.access.ServiceAccount;
import dev.partneraccess.core.access.ServiceAccountModel;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

/**
 * The partner service accounts of one realm ({@code PA_SERVICE_ACCOUNT}): every query, write and row lock of them is
 * here. Rows the services change come out as {@link ServiceAccountModel}, answers as {@link ServiceAccount} values.
 */
public final class ServiceAccountStore {

    private final EntityManager em;
    private final String realmId;

    public ServiceAccountStore(EntityManager em, String realmId) {
        this.em = em;
        this.realmId = realmId;
    }

    /**
     * Records that the account of this client (its internal id) obtained a token at {@code now}, unless a time within
     * {@code every} is already recorded: one conditional update.
     */
    public void recordUse(String clientUuid, long now, long every) {
        em.createQuery("update PaServiceAccount a set a.lastUsedAt = :now where a.id = :id"
                        + " and (a.lastUsedAt is null or a.lastUsedAt < :before or a.lastUsedAt > :now)")
                .setParameter("now", now).setParameter("before", now - every).setParameter("id", clientUuid)
                .executeUpdate();
    }

    /** A new service account row, not stored until {@link #persist}. */
    public ServiceAccountModel newAccount() {
        return new ServiceAccountAdapter(new ServiceAccountEntity());
    }

    public void persist(ServiceAccountModel account) {
        em.persist(entity(account));
    }

    /** The service account of this realm, locked for the rest of the transaction; null when there is none. */
    public ServiceAccountModel lock(String id) {
        ServiceAccountEntity account = em.find(ServiceAccountEntity.class, id, LockModeType.PESSIMISTIC_WRITE);
        return account == null || !account.getRealmId().equals(realmId) ? null : new ServiceAccountAdapter(account);
    }

    /** The partner's service accounts, by client id. */
    public List<ServiceAccountModel> ofPartner(String partnerId) {
        return models(em.createNamedQuery("PA_ServiceAccount.ofPartner", ServiceAccountEntity.class)
                .setParameter("realmId", realmId).setParameter("partnerId", partnerId)
                .getResultList());
    }

    /** The partner's service accounts, by client id, locked. */
    public List<ServiceAccountModel> lockOfPartner(String partnerId) {
        return models(em.createNamedQuery("PA_ServiceAccount.ofPartner", ServiceAccountEntity.class)
                .setParameter("realmId", realmId).setParameter("partnerId", partnerId)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList());
    }

    // ---- the sweep ----

    /**
     * Ids of enabled accounts past their end at {@code now} or whose secret was rotated at or before
     * {@code secretBefore}, in id order after {@code after}, at most {@code max}.
     */
    public List<String> sweepCandidates(long now, long secretBefore, String after, int max) {
        return em.createQuery("select a.id from PaServiceAccount a where a.realmId = :realmId"
                        + " and a.enabled = true and (a.expiresAt <= :now or a.secretRotatedAt <= :secretBefore)"
                        + " and a.id > :after order by a.id", String.class)
                .setParameter("realmId", realmId).setParameter("now", now).setParameter("secretBefore", secretBefore)
                .setParameter("after", after).setMaxResults(max).getResultList();
    }

    /** Locks these accounts, in id order. */
    public List<ServiceAccountModel> lockAll(List<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return models(em.createQuery("select e from PaServiceAccount e where e.id in :ids order by e.id", ServiceAccountEntity.class)
                .setParameter("ids", ids).setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList());
    }

    /** Enabled accounts ending within ({@code now}, {@code horizon}] without this notice, the first {@code max} by id. */
    public List<ServiceAccountModel> endingWithoutNotice(long now, long horizon, NoticeStore.NotNoticed notNoticed, int max) {
        return dueForNotice("a.expiresAt > :now and a.expiresAt <= :horizon", now, horizon, notNoticed, null, max);
    }

    /** Enabled accounts whose secret was rotated at or before {@code horizon} without this notice, in id order after {@code after}. */
    public List<ServiceAccountModel> agingWithoutNotice(long horizon, NoticeStore.NotNoticed notNoticed, String after, int max) {
        return dueForNotice("a.secretRotatedAt <= :horizon", 0, horizon, notNoticed, after, max);
    }

    private List<ServiceAccountModel> dueForNotice(String condition, long now, long horizon, NoticeStore.NotNoticed notNoticed,
                                                   String after, int max) {
        var query = notNoticed.bind(em.createQuery("select a from PaServiceAccount a where a.realmId = :realmId"
                        + " and a.enabled = true and " + condition + (after == null ? "" : " and a.id > :after") + " and "
                        + notNoticed.jpql("a") + " order by a.id", ServiceAccountEntity.class))
                .setParameter("realmId", realmId).setParameter("horizon", horizon).setMaxResults(max);
        if (condition.contains(":now")) {
            query.setParameter("now", now);
        }
        if (after != null) {
            query.setParameter("after", after);
        }
        return models(query.getResultList());
    }

    // ---- answers ----

    /** The account as the services answer it: it can obtain tokens when its row and its client are both enabled. */
    public ServiceAccount answer(ServiceAccountModel account, ClientModel client) {
        return new ServiceAccount(account.getId(), account.getClientId(), account.getPartnerId(), account.getPurpose(),
                account.getOwner(), account.getExpiresAt(), account.getSecretRotatedAt(),
                account.isEnabled() && client != null && client.isEnabled(), account.getLastUsedAt(), null);
    }

    private static List<ServiceAccountModel> models(List<ServiceAccountEntity> entities) {
        return entities.stream().<ServiceAccountModel>map(ServiceAccountAdapter::new).toList();
    }

    private static ServiceAccountEntity entity(ServiceAccountModel account) {
        return ((ServiceAccountAdapter) account).entity;
    }
}
