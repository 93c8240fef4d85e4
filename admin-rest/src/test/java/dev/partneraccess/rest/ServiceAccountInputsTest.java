package dev.partneraccess.rest;

import static dev.partneraccess.rest.RequestInputsTest.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.partneraccess.core.access.NewServiceAccount;
import dev.partneraccess.core.access.Renewal;
import dev.partneraccess.core.support.JsonBody;
import dev.partneraccess.core.support.Refusal;

class ServiceAccountInputsTest {

    private static final String PURPOSE = "Nightly export of the partner's orders";

    private static NewServiceAccount read(String name, int days) {
        return ServiceAccountInputs.newServiceAccount(JsonBody.parse("{\"name\":" + name + ",\"purpose\":\"" + PURPOSE
                + "\",\"owner\":\"owner-1\",\"days\":" + days + "}"));
    }

    @Test
    @DisplayName("Given a valid body, then the name is read in lower case")
    void readsLowerCaseName() {
        assertThat(read("\" Orders-Export \"", 90)).isEqualTo(new NewServiceAccount("orders-export", PURPOSE, "owner-1", 90));
    }

    @ParameterizedTest(name = "name {0}")
    @ValueSource(strings = {"\"-orders\"", "\"orders_export\"", "\"ördérs\"", "\"a b\""})
    @DisplayName("Given a name that is not lower-case letters, digits and dashes starting with a letter or digit, then 'name' is refused")
    void badNamesRefused(String name) {
        assertRefused(() -> read(name, 90), Refusal.Kind.INVALID, "name",
                "'name' must be 1 to 40 lower-case letters, digits or dashes, starting with a letter or digit.");
    }

    @Test
    @DisplayName("Given a name over 40 characters, then it is refused by length")
    void longNameRefused() {
        assertRefused(() -> read("\"" + "a".repeat(41) + "\"", 90), Refusal.Kind.INVALID, "name", "'name' is longer than 40 characters.");
    }

    @Test
    @DisplayName("Given a bad name and bad days, then the name's error comes first")
    void nameBeforeDays() {
        assertRefused(() -> read("\"_x\"", 0), Refusal.Kind.INVALID, "name",
                "'name' must be 1 to 40 lower-case letters, digits or dashes, starting with a letter or digit.");
        assertRefused(() -> read("\"x\"", 3651), Refusal.Kind.INVALID, "days", "'days' must be between 1 and 3650.");
    }

    @Test
    @DisplayName("Given an unknown field, then it is refused naming the allowed ones")
    void unknownField() {
        assertRefused(() -> ServiceAccountInputs.newServiceAccount(JsonBody.parse("{\"secret\":\"s\"}")), Refusal.Kind.INVALID,
                "secret", "Unknown field 'secret'. Allowed fields: name, purpose, owner, days.");
    }

    @Test
    @DisplayName("Given a short purpose, then it is refused with the integration's hint")
    void shortPurpose() {
        assertRefused(() -> ServiceAccountInputs.newServiceAccount(JsonBody.parse("{\"name\":\"x\",\"purpose\":\"short\"}")),
                Refusal.Kind.INVALID, "purpose", "'purpose' must be at least 20 characters: say what the integration does.");
    }

    @Test
    @DisplayName("Given a service account renewal, then its hint speaks of the integration")
    void renewal() {
        assertThat(ServiceAccountInputs.renewal(JsonBody.parse("{\"days\":30,\"justification\":\"" + PURPOSE + "\"}")))
                .isEqualTo(new Renewal(30, PURPOSE));
        assertRefused(() -> ServiceAccountInputs.renewal(JsonBody.parse("{\"days\":30,\"justification\":\"short\"}")),
                Refusal.Kind.INVALID, "justification",
                "'justification' must be at least 20 characters: say why the integration is still needed.");
        assertRefused(() -> ServiceAccountInputs.renewal(JsonBody.parse("{\"days\":30,\"reason\":\"x\"}")),
                Refusal.Kind.INVALID, "reason", "Unknown field 'reason'. Allowed fields: days, justification.");
    }
}
