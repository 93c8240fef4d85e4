package dev.partneraccess.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.partneraccess.core.support.Json;
import dev.partneraccess.core.support.Refusal;

/** The policy fields of richer approvals: programme questions, stage escalation and the exceptions section. */
class RicherApprovalsPolicyTest {

    private final PolicyValidator validator = new PolicyValidator(FakeRealmCatalog.demoRealm());
    private ObjectNode doc;

    @BeforeEach
    void readDemoPolicy() throws IOException {
        doc = (ObjectNode) Json.MAPPER.readTree(Files.readString(Path.of("..", "demo", "policy.json")));
    }

    private ObjectNode deals() {
        return (ObjectNode) doc.get("programmes").get(0);
    }

    private ObjectNode question(String id) {
        ArrayNode questions = deals().has("questions") ? (ArrayNode) deals().get("questions") : deals().putArray("questions");
        ObjectNode question = questions.addObject();
        question.put("id", id);
        question.putObject("text").put("en", "Which customer?").put("de", "Welcher Kunde?").put("fr", "Quel client ?");
        return question;
    }

    /** The field refused when a fresh example policy is broken this way. */
    private String refusedFresh(Consumer<ObjectNode> breakIt) throws IOException {
        readDemoPolicy();
        return refusedField(breakIt);
    }

    private String refusedField(Consumer<ObjectNode> breakIt) {
        breakIt.accept(doc);
        Refusal refused = catchThrowableOfType(Refusal.class, () -> validator.validate(doc));
        assertThat(refused).as("a Refusal").isNotNull();
        assertThat(refused.kind()).isEqualTo(Refusal.Kind.INVALID);
        return refused.field();
    }

    @Test
    @DisplayName("Given questions on a programme, then they are typed with their texts, required flag and a default length bound")
    void questionsAreTyped() {
        question("customer").put("required", true).put("maxLength", 200);
        question("volume");

        Policy.Programme programme = validator.validate(doc).programmes().get(0);

        assertThat(programme.questions()).containsExactly(
                new Policy.Question("customer", Map.of("en", "Which customer?", "de", "Welcher Kunde?", "fr", "Quel client ?"), true, 200),
                new Policy.Question("volume", Map.of("en", "Which customer?", "de", "Welcher Kunde?", "fr", "Quel client ?"), false, 2000));
        assertThat(validator.validate(doc).programmes().get(1).questions()).isEmpty();
    }

    @Test
    @DisplayName("Given a bad question, then the policy is refused naming the question's field")
    void badQuestionsAreRefused() throws IOException {
        assertThat(refusedFresh(d -> question("Customer!"))).isEqualTo("programmes[0].questions[0].id");
        assertThat(refusedFresh(d -> {
            question("customer");
            question("customer");
        })).isEqualTo("programmes[0].questions[1].id");
        assertThat(refusedFresh(d -> ((ObjectNode) question("customer").get("text")).remove("en")))
                .isEqualTo("programmes[0].questions[0].text.en");
        assertThat(refusedFresh(d -> ((ObjectNode) question("customer").get("text")).put("it", "Quale cliente?")))
                .isEqualTo("programmes[0].questions[0].text.it");
        assertThat(refusedFresh(d -> question("customer").put("maxLength", 0))).isEqualTo("programmes[0].questions[0].maxLength");
        assertThat(refusedFresh(d -> question("customer").put("required", "yes"))).isEqualTo("programmes[0].questions[0].required");
        assertThat(refusedFresh(d -> question("customer").put("hint", "x"))).isEqualTo("programmes[0].questions[0].hint");
    }

    @Test
    @DisplayName("Given a stage with escalateAfterDays and escalateTo, then both are kept; one without the other is refused")
    void escalationIsTypedAndComplete() {
        ObjectNode regional = (ObjectNode) doc.get("stages").get("regional");
        regional.put("escalateAfterDays", 5);
        regional.putObject("escalateTo").put("approverRole", "partner-approver-security");
        Policy.Stage stage = validator.validate(doc).stages().get("regional");
        assertThat(stage.escalateAfterDays()).isEqualTo(5);
        assertThat(stage.escalateRole()).isEqualTo("partner-approver-security");
        assertThat(validator.validate(doc).stages().get("legal").escalateAfterDays()).isNull();

        regional.putObject("escalateTo").put("approverRole", "nobody");
        assertThat(refusedField(d -> { })).isEqualTo("stages.regional.escalateTo.approverRole");
        regional.remove("escalateTo");
        assertThat(refusedField(d -> { })).isEqualTo("stages.regional.escalateTo");
        regional.remove("escalateAfterDays");
        ((ObjectNode) doc.get("stages").get("owner")).putObject("escalateTo").put("approverRole", "partner-approver-legal");
        assertThat(refusedField(d -> { })).isEqualTo("stages.owner.escalateAfterDays");
        ((ObjectNode) doc.get("stages").get("owner")).put("escalateAfterDays", 0);
        assertThat(refusedField(d -> { })).isEqualTo("stages.owner.escalateAfterDays");
    }

    @Test
    @DisplayName("Given an exceptions section, then its stages and bound are kept; without it the policy allows no exceptions")
    void exceptionsSection() {
        assertThat(validator.validate(doc).exceptions()).isNull();
        ObjectNode exceptions = doc.putObject("exceptions");
        exceptions.putArray("stages").add("security").add("owner");
        exceptions.put("maxDays", 60);
        assertThat(validator.validate(doc).exceptions()).isEqualTo(new Policy.Exceptions(List.of("security", "owner"), 60));

        assertThat(refusedField(d -> exceptions.remove("maxDays"))).isEqualTo("exceptions.maxDays");
        exceptions.put("maxDays", 60);
        assertThat(refusedField(d -> ((ArrayNode) exceptions.get("stages")).add("finance"))).isEqualTo("exceptions.stages");
        exceptions.putArray("stages").add("security");
        assertThat(refusedField(d -> exceptions.put("reasonMin", 5))).isEqualTo("exceptions.reasonMin");
    }
}
