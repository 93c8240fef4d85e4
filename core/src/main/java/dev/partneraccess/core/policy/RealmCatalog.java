package dev.partneraccess.core.policy;

/** What policy validation needs to know about the realm: which roles and clients exist. */
public interface RealmCatalog {

    boolean realmRoleExists(String role);

    boolean clientExists(String clientId);

    boolean clientRoleExists(String clientId, String role);
}
