package dev.partneraccess.rest;

import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.partneraccess.core.access.PostureFigures;
import dev.partneraccess.core.partner.PartnerStatus;
import dev.partneraccess.core.support.Json;

/** The representation of {@code GET /report}. */
final class ReportJson {

    private ReportJson() {
    }

    static ObjectNode write(PostureFigures figures) {
        ObjectNode report = Json.object();

        ObjectNode partners = report.putObject("partners");
        for (Map.Entry<PartnerStatus, Long> status : figures.partners().entrySet()) {
            partners.put(status.getKey().name(), status.getValue());
        }

        ObjectNode grants = report.putObject("grants");
        grants.put("active", figures.grants().active());
        grants.put("expiringIn7Days", figures.grants().expiringIn7Days());
        grants.put("withoutExpiry", figures.grants().withoutExpiry());
        grants.put("exceptions", figures.grants().exceptions());

        ObjectNode requests = report.putObject("requests");
        requests.put("pending", figures.requests().pending());
        requests.put("oldestPendingDays", figures.requests().oldestPendingDays());

        ObjectNode outOfBand = report.putObject("outOfBand");
        outOfBand.put("reverted30d", figures.outOfBand().reverted30d());
        outOfBand.put("flagged30d", figures.outOfBand().flagged30d());

        ObjectNode accounts = report.putObject("serviceAccounts");
        accounts.put("enabled", figures.serviceAccounts().enabled());
        accounts.put("expiredButEnabled", figures.serviceAccounts().expiredButEnabled());
        accounts.put("secretsOverMaxAge", figures.serviceAccounts().secretsOverMaxAge());
        accounts.put("unusedFor90Days", figures.serviceAccounts().unusedFor90Days());

        PostureFigures.Evidence ledger = figures.evidence();
        ObjectNode evidence = report.putObject("evidence");
        evidence.put("records", ledger.records());
        evidence.put("lastVerifiedAt", ledger.lastVerifiedAt() == null ? null : Json.isoTime(ledger.lastVerifiedAt()));
        if (ledger.valid() == null) {
            evidence.putNull("valid");
        } else {
            evidence.put("valid", ledger.valid().booleanValue());
        }

        ObjectNode wiring = report.putObject("wiring");
        wiring.put("ok", figures.wiring().ok());
        figures.wiring().failing().forEach(wiring.putArray("failing")::add);

        ObjectNode reviews = report.putObject("reviews");
        reviews.put("open", figures.reviews().open());
        reviews.put("overdueItems", figures.reviews().overdueItems());
        reviews.put("revokedLast90Days", figures.reviews().revokedLast90Days());
        ObjectNode content = report.putObject("content");
        content.put("released", figures.content().released());
        content.put("inReview", figures.content().inReview());
        content.put("expiringIn7Days", figures.content().expiringIn7Days());
        return report;
    }
}
