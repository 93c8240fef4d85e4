package dev.partneraccess.rest;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.partneraccess.core.evidence.EvidenceFilter;
import dev.partneraccess.core.evidence.EvidenceLedger;
import dev.partneraccess.core.evidence.VerifyResult;
import dev.partneraccess.core.spi.PartnerAccessProvider;
import dev.partneraccess.core.support.Json;
import dev.partneraccess.core.support.Paging;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

/** {@code /evidence}: query, export and verify the realm's ledger. Read-only by design: no record is ever changed. */
public final class EvidenceResource {

    static final String NDJSON = "application/x-ndjson";

    private final Rest rest;

    EvidenceResource(Rest rest) {
        this.rest = rest;
    }

    @GET
    @Path("")
    @Produces(MediaType.APPLICATION_JSON)
    public Response list(@QueryParam("type") String type, @QueryParam("subject") String subject,
                         @QueryParam("partner") String partner, @QueryParam("from") String from,
                         @QueryParam("to") String to, @QueryParam("first") String first, @QueryParam("max") String max) {
        return rest.run(() -> {
            rest.requireViewEvents();
            EvidenceFilter filter = EvidenceFilter.parse(type, subject, partner, from, to);
            ArrayNode records = Json.array();
            rest.ledger().query(rest.realm.getId(), filter, Paging.parse(first, max)).forEach(r -> records.add(EvidenceJson.write(r)));
            return Rest.ok(records);
        });
    }

    /**
     * Streams one canonical JSON record per line. The records are read in bounded batches in a session of the
     * stream's own, after the request's session has answered, so memory stays flat whatever the ledger's size.
     */
    @GET
    @Path("export")
    @Produces({NDJSON, MediaType.APPLICATION_JSON})
    public Response export(@QueryParam("from") String from, @QueryParam("to") String to) {
        return rest.run(() -> {
            rest.requireViewEvents();
            EvidenceFilter filter = EvidenceFilter.parse(null, null, null, from, to);
            String realmId = rest.realm.getId();
            KeycloakSessionFactory factory = rest.session.getKeycloakSessionFactory();
            StreamingOutput stream = output -> {
                BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(output, StandardCharsets.UTF_8), 64 * 1024);
                try {
                    KeycloakModelUtils.runJobInTransaction(factory, session ->
                            session.getProvider(PartnerAccessProvider.class).ledger().forEach(realmId, filter.fromMillis(), filter.toMillis(), record -> {
                                try {
                                    writer.write(record.exportLine());
                                    writer.write('\n');
                                } catch (IOException e) {
                                    throw new UncheckedIOException(e);
                                }
                            }));
                } catch (UncheckedIOException e) {
                    throw e.getCause();
                }
                writer.flush();
            };
            return Response.ok(stream, NDJSON).build();
        });
    }

    @GET
    @Path("verify")
    @Produces(MediaType.APPLICATION_JSON)
    public Response verify() {
        return rest.run(() -> {
            rest.requireViewEvents();
            EvidenceLedger.Head head = rest.ledger().head(rest.realm.getId());
            VerifyResult result = rest.ledger().verify(rest.realm.getId());
            // The chain as far as the head read first is now known good (or broken): the report shows it.
            rest.access.ledgerChecks().recordFull(rest.realm.getId(), result, head);
            ObjectNode body = Json.object();
            body.put("valid", result.valid());
            body.put("records", result.records());
            if (result.firstBrokenSeq() == null) {
                body.putNull("firstBrokenSeq");
            } else {
                body.put("firstBrokenSeq", result.firstBrokenSeq());
            }
            return Rest.ok(body);
        });
    }
}
