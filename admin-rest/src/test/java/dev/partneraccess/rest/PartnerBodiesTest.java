package dev.partneraccess.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import dev.partneraccess.core.partner.NewMember;
import dev.partneraccess.core.partner.Partner;
import dev.partneraccess.core.partner.PartnerChanges;
import dev.partneraccess.core.partner.PartnerIntake;
import dev.partneraccess.core.partner.PartnerMember;
import dev.partneraccess.core.partner.PartnerStatus;
import dev.partneraccess.core.partner.RegisteredPartner;
import dev.partneraccess.core.support.Json;
import dev.partneraccess.core.support.JsonBody;
import dev.partneraccess.core.support.Refusal;

class PartnerBodiesTest {

    private static final RegisteredPartner ACME = new RegisteredPartner(new Partner("p1", "Acme", "acme",
            List.of("acme.example"), "gold", "EMEA", PartnerStatus.ACTIVE, "u1", List.of("sales"), null, false), 3);

    @Test
    @DisplayName("A change tells a field left out from one given as null")
    void changesKeepAbsentApartFromNull() {
        PartnerChanges changes = PartnerBodies.changes(JsonBody.parse("{\"idp\": null, \"businessUnits\": null}"));
        assertThat(changes.idp().given()).isTrue();
        assertThat(changes.idp().value()).isNull();
        assertThat(changes.businessUnits()).isEqualTo(PartnerChanges.Field.of(List.of()));
        assertThat(changes.tier().given()).isFalse();
        assertThat(changes.tier().or("gold")).isEqualTo("gold");
        assertThat(changes.enforceIdp().given()).isFalse();
        assertThat(PartnerBodies.changes(JsonBody.parse("{\"enforceIdp\": false}")).enforceIdp()).isEqualTo(PartnerChanges.Field.of(false));
    }

    @Test
    @DisplayName("An intake without domains is refused on 'domains' before the fields that follow it")
    void intakeNamesMissingDomainsFirst() {
        assertRefused(() -> PartnerBodies.intake(JsonBody.parse("{\"name\": \"Half a Partner\"}")), "domains",
                PartnerIntake.NO_DOMAIN);
        assertRefused(() -> PartnerBodies.intake(JsonBody.parse("{\"name\": \"Half\", \"domains\": []}")), "domains",
                PartnerIntake.NO_DOMAIN);
    }

    @Test
    @DisplayName("A given field must carry a value: null tier, null enforceIdp are refused naming the field")
    void givenFieldsNeedValues() {
        assertRefused(() -> PartnerBodies.changes(JsonBody.parse("{\"tier\": null}")), "tier", "'tier' is required.");
        assertRefused(() -> PartnerBodies.changes(JsonBody.parse("{\"enforceIdp\": null}")), "enforceIdp",
                "'enforceIdp' must be true or false.");
    }

    @Test
    @DisplayName("A read-only field sent back unchanged passes; changed, or an unknown field, is refused")
    void readOnlyFields() {
        JsonBody same = JsonBody.parse("{\"id\": \"p1\", \"memberCount\": 3, \"domains\": [\"acme.example\"], \"tier\": \"silver\"}");
        PartnerBodies.requireChangeableFields(same, PartnerJson.write(ACME));
        assertRefused(() -> PartnerBodies.requireChangeableFields(JsonBody.parse("{\"name\": \"Other\"}"), PartnerJson.write(ACME)),
                "name", "A partner's name is fixed at intake.");
        assertRefused(() -> PartnerBodies.requireChangeableFields(JsonBody.parse("{\"colour\": 1}"), PartnerJson.write(ACME)),
                "colour", "Unknown field 'colour'. Changeable fields: tier, region, businessOwner, businessUnits, idp, enforceIdp.");
    }

    @Test
    @DisplayName("An intake keeps the domains as given and defaults the units and enforceIdp")
    void intake() {
        PartnerIntake intake = PartnerBodies.intake(JsonBody.parse(
                "{\"name\": \" Acme \", \"domains\": [\"Acme.example\"], \"tier\": \"gold\", \"region\": \"EMEA\", \"businessOwner\": \"u1\"}"));
        assertThat(intake).isEqualTo(new PartnerIntake("Acme", List.of("Acme.example"), "gold", "EMEA", "u1", List.of(), null, false));
        assertRefused(() -> PartnerBodies.intake(JsonBody.parse("{\"name\": \"Acme\", \"colour\": 1}")), "colour",
                "Unknown field 'colour'. Allowed fields: name, domains, tier, region, businessOwner, businessUnits, idp, enforceIdp.");
    }

    @Test
    @DisplayName("A new member is named by exactly one of username or userId")
    void newMember() {
        assertThat(PartnerBodies.newMember(JsonBody.parse("{\"username\": \"nora\", \"businessUnit\": \"sales\"}")))
                .isEqualTo(new NewMember("nora", null, "sales"));
        assertRefused(() -> PartnerBodies.newMember(JsonBody.parse("{\"username\": \"nora\", \"userId\": \"u1\"}")), "username",
                "Give exactly one of 'username' or 'userId'.");
        assertRefused(() -> PartnerBodies.reason(JsonBody.parse("{}")), "reason", "'reason' is required.");
    }

    @Test
    @DisplayName("A partner and a member are written with the API's fields in the API's order")
    void json() {
        assertThat(Json.write(PartnerJson.write(ACME))).isEqualTo("{\"id\":\"p1\",\"name\":\"Acme\",\"domains\":[\"acme.example\"],"
                + "\"tier\":\"gold\",\"region\":\"EMEA\",\"status\":\"ACTIVE\",\"businessOwner\":\"u1\",\"businessUnits\":[\"sales\"],"
                + "\"idp\":null,\"enforceIdp\":false,\"memberCount\":3}");
        assertThat(Json.write(PartnerJson.member(new PartnerMember("u2", "nora", null, null))))
                .isEqualTo("{\"userId\":\"u2\",\"username\":\"nora\",\"email\":null,\"businessUnit\":null}");
    }

    private static void assertRefused(Runnable call, String field, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(Refusal.class, e -> {
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }
}
