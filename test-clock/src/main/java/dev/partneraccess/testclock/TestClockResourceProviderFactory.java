package dev.partneraccess.testclock;

import org.keycloak.Config;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code /realms/{realm}/partner-access-test-clock/offset}: reads and sets the offset, in seconds, that Keycloak's
 * {@link Time} adds to the wall clock, so that tests see grants expire without waiting. Only the integration tests'
 * server has it.
 */
public final class TestClockResourceProviderFactory implements RealmResourceProviderFactory {

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new RealmResourceProvider() {
            @Override
            public Object getResource() {
                return new Clock();
            }

            @Override
            public void close() {
            }
        };
    }

    public static final class Clock {

        @GET
        @Path("offset")
        @Produces(MediaType.TEXT_PLAIN)
        public String get() {
            return Integer.toString(Time.getOffset());
        }

        @PUT
        @Path("offset")
        @Produces(MediaType.TEXT_PLAIN)
        public String set(String seconds) {
            Time.setOffset(Integer.parseInt(seconds.strip()));
            return Integer.toString(Time.getOffset());
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
        return "partner-access-test-clock";
    }
}
