package dev.partneraccess.bench;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.partneraccess.core.evidence.EvidenceType;
import dev.partneraccess.core.spi.PartnerAccessProvider;
import dev.partneraccess.core.support.Actor;
import dev.partneraccess.core.support.Json;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

/**
 * Bench-only endpoint, installed only in the benchmark's own server (never in the product jar):
 * {@code POST /realms/{realm}/partner-access-bench/append?n=N} appends N ledger records, each in a transaction of its
 * own, exactly as a decision would: lock the realm's chain head, insert, move the head, commit.
 */
public final class LedgerAppendResourceProviderFactory implements RealmResourceProviderFactory {

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new RealmResourceProvider() {
            @Override
            public Object getResource() {
                return new Appender(session);
            }

            @Override
            public void close() {
            }
        };
    }

    public static final class Appender {
        private final KeycloakSession session;

        Appender(KeycloakSession session) {
            this.session = session;
        }

        @POST
        @Path("append")
        public Response append(@QueryParam("n") int n) {
            String realmId = session.getContext().getRealm().getId();
            KeycloakSessionFactory factory = session.getKeycloakSessionFactory();
            for (int i = 0; i < n; i++) {
                int index = i;
                KeycloakModelUtils.runJobInTransaction(factory, s -> {
                    ObjectNode details = Json.object();
                    details.put("bench", index);
                    s.getProvider(PartnerAccessProvider.class).ledger().append(realmId, EvidenceType.PARTNER_UPDATED, new Actor("bench", "bench"),
                            "bench", null, details);
                });
            }
            return Response.noContent().build();
        }
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return "partner-access-bench";
    }
}
