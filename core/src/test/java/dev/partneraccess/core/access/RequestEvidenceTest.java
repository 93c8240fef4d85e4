package dev.partneraccess.core.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

class RequestEvidenceTest {

    @Test
    @DisplayName("Given any request, then its evidence starts with the beneficiary, the role and the client")
    void theHeadNamesBeneficiaryRoleAndClient() {
        assertThat(RequestEvidence.head("u1", "partner-api", null).toString())
                .isEqualTo("{\"user\":\"u1\",\"role\":\"partner-api\",\"client\":null}");
    }

    @Test
    @DisplayName("Given a new access, then REQUEST_CREATED has type, days, maxDays, purpose, stages and policy version, in that order")
    void accessCreatedDetailsKeepTheirOrder() {
        ObjectNode details = RequestEvidence.created(RequestEvidence.head("u1", "partner-api", "pricing"), "ACCESS",
                d -> {
                }, 10, 30, "Quarterly pricing reconciliation", List.of("legal", "security"), 3);
        assertThat(details.toString()).isEqualTo("{\"user\":\"u1\",\"role\":\"partner-api\",\"client\":\"pricing\","
                + "\"type\":\"ACCESS\",\"days\":10,\"maxDays\":30,\"businessPurpose\":\"Quarterly pricing reconciliation\","
                + "\"stages\":[\"legal\",\"security\"],\"policyVersion\":3}");
    }

    @Test
    @DisplayName("Given a grant's renewal, then the grant and its current end come right after the type")
    void grantRenewalCreatedDetailsKeepTheirOrder() {
        ObjectNode details = RequestEvidence.created(RequestEvidence.head("u1", "partner-api", null), "RENEWAL",
                d -> {
                    d.put("grantId", "g1");
                    d.put("currentExpiresAt", "2026-01-01T00:00:00Z");
                }, 5, 30, "still needed", List.of("owner"), 4);
        assertThat(details.toString()).isEqualTo("{\"user\":\"u1\",\"role\":\"partner-api\",\"client\":null,"
                + "\"type\":\"RENEWAL\",\"grantId\":\"g1\",\"currentExpiresAt\":\"2026-01-01T00:00:00Z\",\"days\":5,"
                + "\"maxDays\":30,\"businessPurpose\":\"still needed\",\"stages\":[\"owner\"],\"policyVersion\":4}");
    }

    @Test
    @DisplayName("Given a service account's renewal, then the account comes after the type and there is no maxDays")
    void serviceAccountRenewalCreatedDetailsHaveNoMaxDays() {
        ObjectNode details = RequestEvidence.created(RequestEvidence.head("su1", "service-account", "acme-batch"), "RENEWAL",
                d -> {
                    d.put("serviceAccount", "sa1");
                    d.put("currentExpiresAt", "2026-01-01T00:00:00Z");
                }, 60, null, "batch keeps running", List.of("owner"), 4);
        assertThat(details.toString()).isEqualTo("{\"user\":\"su1\",\"role\":\"service-account\",\"client\":\"acme-batch\","
                + "\"type\":\"RENEWAL\",\"serviceAccount\":\"sa1\",\"currentExpiresAt\":\"2026-01-01T00:00:00Z\",\"days\":60,"
                + "\"businessPurpose\":\"batch keeps running\",\"stages\":[\"owner\"],\"policyVersion\":4}");
    }
}
