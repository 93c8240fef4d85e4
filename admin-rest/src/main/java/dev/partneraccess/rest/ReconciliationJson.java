package dev.partneraccess.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.partneraccess.core.access.ReconciliationReport;
import dev.partneraccess.core.access.ReconciliationReport.CompositeFinding;
import dev.partneraccess.core.access.ReconciliationReport.Finding;
import dev.partneraccess.core.access.ReconciliationReport.GroupFinding;
import dev.partneraccess.core.access.ReconciliationReport.UserFinding;
import dev.partneraccess.core.support.Json;

/** The representation of {@code GET /reconciliation}: each finding's fields follow its kind. */
final class ReconciliationJson {

    private ReconciliationJson() {
    }

    static ObjectNode write(ReconciliationReport reconciliation) {
        ObjectNode report = Json.object();
        report.put("checkedAt", Json.isoTime(reconciliation.checkedAt()));
        ArrayNode roles = report.putArray("governedRoles");
        reconciliation.governedRoles().forEach(role -> roles.addObject().put("role", role.role()).put("client", role.client()));
        ArrayNode findings = report.putArray("findings");
        reconciliation.findings().forEach(finding -> write(findings, finding));
        report.put("truncated", reconciliation.truncated());
        return report;
    }

    private static void write(ArrayNode findings, Finding finding) {
        ObjectNode json = findings.addObject().put("kind", finding.kind()).put("role", finding.role())
                .put("client", finding.client());
        if (finding instanceof UserFinding user) {
            json.put("user", user.user()).put("username", user.username());
        } else if (finding instanceof GroupFinding group) {
            json.put("group", group.group()).put("groupName", group.groupName()).put("members", group.members());
        } else if (finding instanceof CompositeFinding composite) {
            json.put("compositeRole", composite.compositeRole()).put("compositeClient", composite.compositeClient());
            if (composite.defaultRole()) {
                json.put("holders", composite.holders());
            }
        }
    }
}
