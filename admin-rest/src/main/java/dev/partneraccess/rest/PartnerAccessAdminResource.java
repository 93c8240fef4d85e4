package dev.partneraccess.rest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;

/** The root of the admin API; each area has its own resource class. */
public final class PartnerAccessAdminResource {

    /** docs/openapi.yaml, packed into the jar by this module's build. */
    static final String OPENAPI_RESOURCE = "/partner-access/openapi.yaml";
    static final String YAML = "application/yaml";

    private final Rest rest;

    PartnerAccessAdminResource(Rest rest) {
        this.rest = rest;
    }

    @Path("partners")
    public PartnersResource partners() {
        return new PartnersResource(rest);
    }

    @Path("policy")
    public PolicyResource policy() {
        return new PolicyResource(rest);
    }

    @Path("requests")
    public RequestsResource requests() {
        return new RequestsResource(rest);
    }

    @Path("grants")
    public GrantsResource grants() {
        return new GrantsResource(rest);
    }

    @Path("reconciliation")
    public ReconciliationResource reconciliation() {
        return new ReconciliationResource(rest);
    }

    @Path("service-accounts")
    public ServiceAccountsResource serviceAccounts() {
        return new ServiceAccountsResource(rest);
    }

    @Path("report")
    public ReportResource report() {
        return new ReportResource(rest);
    }

    @Path("setup")
    public SetupResource setup() {
        return new SetupResource(rest);
    }

    @Path("sweep")
    public SweepResource sweep() {
        return new SweepResource(rest);
    }

    @Path("reviews")
    public ReviewsResource reviews() {
        return new ReviewsResource(rest);
    }

    @Path("content")
    public ContentResource content() {
        return new ContentResource(rest);
    }

    @Path("evidence")
    public EvidenceResource evidence() {
        return new EvidenceResource(rest);
    }

    /** The API description, byte for byte as written in docs/openapi.yaml. */
    @GET
    @Path("openapi.yaml")
    @Produces(YAML)
    public Response openApi() {
        return rest.run(() -> {
            rest.requireViewRealm();
            try (InputStream in = PartnerAccessAdminResource.class.getResourceAsStream(OPENAPI_RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("the jar carries no " + OPENAPI_RESOURCE);
                }
                return Response.ok(in.readAllBytes(), YAML).build();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
