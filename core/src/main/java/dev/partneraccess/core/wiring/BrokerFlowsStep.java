package dev.partneraccess.core.wiring;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.keycloak.models.AuthenticationFlowModel;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;

import dev.partneraccess.core.partner.Partner;
import dev.partneraccess.core.partner.PartnerAttributes;

/**
 * {@code broker-flows}: every identity provider linked to a partner runs the gate in its post-broker-login flow, which
 * Keycloak runs after each login through that provider; without it such a login never meets the gate.
 */
final class BrokerFlowsStep implements WiringStep {

    /** A partner's identity provider and what its post-broker-login flow lacks (null when nothing). */
    private record Link(String partner, IdentityProviderModel idp, AuthenticationFlowModel flow, String problem) {
    }

    @Override
    public String name() {
        return "broker-flows";
    }

    private static List<Link> links(Target target) {
        RealmModel realm = target.realm();
        if (!realm.isOrganizationsEnabled()) {
            return List.of();
        }
        Map<String, String> partnerOf = new LinkedHashMap<>();
        target.organizations().getAllStream().filter(Partner::isPartner).forEach(org -> {
            org.getIdentityProviders().forEach(idp -> partnerOf.putIfAbsent(idp.getAlias(), org.getName()));
            designated(org).forEach(alias -> partnerOf.putIfAbsent(alias, org.getName()));
        });
        List<Link> links = new ArrayList<>();
        partnerOf.forEach((alias, partner) -> {
            IdentityProviderModel idp = target.session().identityProviders().getByAlias(alias);
            if (idp == null) {
                return;
            }
            String flowId = idp.getPostBrokerLoginFlowId();
            AuthenticationFlowModel flow = flowId == null ? null : realm.getAuthenticationFlowById(flowId);
            String problem = flow == null ? "it has no post-broker-login flow"
                    : GatePlacement.problem(realm, flow, false).orElse(null);
            links.add(new Link(partner, idp, flow, problem));
        });
        return links;
    }

    private static List<String> designated(OrganizationModel org) {
        return org.getAttributes().getOrDefault(PartnerAttributes.IDP, List.of());
    }

    @Override
    public WiringCheck check(Target target) {
        if (!target.realm().isOrganizationsEnabled()) {
            return WiringCheck.ok(name(), "Organizations are off, so no partner links an identity provider.");
        }
        List<Link> links = links(target);
        List<Link> unsound = links.stream().filter(l -> l.problem() != null).toList();
        if (links.isEmpty()) {
            return WiringCheck.ok(name(), "No partner links an identity provider.");
        }
        if (unsound.isEmpty()) {
            return WiringCheck.ok(name(), "The post-broker-login flow of every partner's identity provider ("
                    + String.join(", ", links.stream().map(l -> l.idp().getAlias()).toList()) + ") runs " + RealmWiring.GATE + ".");
        }
        List<String> parts = unsound.stream().map(l -> "identity provider '" + l.idp().getAlias() + "' of partner '"
                + l.partner() + "': " + l.problem()).toList();
        return WiringCheck.failing(name(), "Logins through these providers skip the gate (a suspended partner's users"
                + " would still get in): " + String.join("; ", parts) + ". POST /setup binds a post-broker-login flow"
                + " with the gate to each (docs/wiring.md).");
    }

    @Override
    public void fix(Target target, List<String> changes) {
        RealmModel realm = target.realm();
        Map<String, AuthenticationFlowModel> copies = new HashMap<>();
        AuthenticationFlowModel gateOnly = null;
        for (Link link : links(target)) {
            if (link.problem() == null) {
                continue;
            }
            AuthenticationFlowModel flow;
            if (link.flow() == null) {
                gateOnly = gateOnly == null ? GatedFlows.postBroker(realm) : gateOnly;
                flow = gateOnly;
            } else {
                flow = copies.computeIfAbsent(link.flow().getId(), id -> GatedFlows.appended(realm, link.flow()));
            }
            link.idp().setPostBrokerLoginFlowId(flow.getId());
            target.session().identityProviders().update(link.idp());
            changes.add("Identity provider '" + link.idp().getAlias() + "' of partner '" + link.partner()
                    + "' now runs '" + flow.getAlias() + "' after each login" + (link.flow() == null ? "."
                    : " (a copy of '" + link.flow().getAlias() + "' with the gate at the end)."));
        }
    }
}
