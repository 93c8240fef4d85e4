package dev.partneraccess.rest;

import jakarta.ws.rs.Path;

/** The root of the admin API; each area has its own resource class. */
public final class PartnerAccessAdminResource {

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

    @Path("evidence")
    public EvidenceResource evidence() {
        return new EvidenceResource(rest);
    }
}
