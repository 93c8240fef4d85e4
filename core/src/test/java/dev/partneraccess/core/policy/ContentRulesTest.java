package dev.partneraccess.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.partneraccess.core.support.Json;
import dev.partneraccess.core.support.Refusal;

class ContentRulesTest {

    private final PolicyValidator validator = new PolicyValidator(FakeRealmCatalog.demoRealm());
    private ObjectNode policy;
    private ArrayNode kinds;

    @BeforeEach
    void demoPolicyWithContent() throws IOException {
        policy = (ObjectNode) Json.MAPPER.readTree(Files.readString(Path.of("..", "demo", "policy.json")));
        policy.remove("content");
        kinds = policy.putObject("content").putArray("kinds");
    }

    private ObjectNode kind(String name, int maxReleaseDays, String... stages) {
        ObjectNode kind = kinds.addObject();
        kind.put("name", name);
        ArrayNode list = kind.putArray("stages");
        for (String stage : stages) {
            list.add(stage);
        }
        kind.put("maxReleaseDays", maxReleaseDays);
        return kind;
    }

    private Refusal refusal() {
        return catchThrowableOfType(Refusal.class, () -> validator.validate(policy));
    }

    @Test
    @DisplayName("Given content kinds with stages and a self-service kind, then the policy answers them in order")
    void kindsAreRead() {
        kind("marketing", 180, "brand");
        kind("pricing", 90, "legal", "regional");
        kind("public-assets", 30);

        Policy validated = validator.validate(policy);

        assertThat(ContentRules.kinds(validated)).extracting(ContentRules.Kind::name, ContentRules.Kind::stages,
                        ContentRules.Kind::maxReleaseDays)
                .containsExactly(tuple("marketing", java.util.List.of("brand"), 180),
                        tuple("pricing", java.util.List.of("legal", "regional"), 90),
                        tuple("public-assets", java.util.List.of(), 30));
        assertThat(ContentRules.kind(validated, "pricing")).isPresent();
        assertThat(ContentRules.kind(validated, "poetry")).isEmpty();
    }

    @Test
    @DisplayName("Given a policy without a content section, then it has no content kinds")
    void noSection() {
        policy.remove("content");
        assertThat(ContentRules.kinds(validator.validate(policy))).isEmpty();
    }

    @Test
    @DisplayName("Given the owner stage in a content kind, then it is refused: a package has no partner to own it")
    void ownerStageRefused() {
        kind("pricing", 30, "legal", "owner");
        Refusal refusal = refusal();
        assertThat(refusal.field()).isEqualTo("content.kinds[0].stages");
        assertThat(refusal.getMessage()).contains("owner");
    }

    @Test
    @DisplayName("Given an undefined stage, a kind named twice, a missing or too large maxReleaseDays, then each is refused by its path")
    void badKinds() {
        kind("pricing", 30, "finance");
        assertThat(refusal().field()).isEqualTo("content.kinds[0].stages");

        kinds.removeAll();
        kind("pricing", 30, "legal");
        kind("pricing", 30, "legal");
        assertThat(refusal().field()).isEqualTo("content.kinds[1].name");

        kinds.removeAll();
        kind("pricing", 30, "legal").remove("maxReleaseDays");
        assertThat(refusal().field()).isEqualTo("content.kinds[0].maxReleaseDays");

        kinds.removeAll();
        kind("pricing", 4000, "legal");
        assertThat(refusal().field()).isEqualTo("content.kinds[0].maxReleaseDays");

        kinds.removeAll();
        kind("pricing", 30, "legal").put("colour", "red");
        assertThat(refusal().field()).isEqualTo("content.kinds[0].colour");

        policy.putObject("content").put("kinds", "pricing");
        assertThat(refusal().field()).isEqualTo("content.kinds");
    }
}
