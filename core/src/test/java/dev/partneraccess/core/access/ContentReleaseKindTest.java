package dev.partneraccess.core.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import dev.partneraccess.core.policy.Policy;
import dev.partneraccess.core.support.Refusal;

class ContentReleaseKindTest {

    private static final Map<String, Policy.Stage> STAGES = Map.of(
            "legal", new Policy.Stage("legal", "partner-approver-legal", null, false),
            "brand", new Policy.Stage("brand", "partner-approver-brand", null, false),
            "regional", new Policy.Stage("regional", null, "partner-approver-region-", false));

    @Test
    @DisplayName("Given a pricing kind (legal, regional) and two regions, then legal comes first and each region has its regional stage")
    void regionalPerRegion() {
        assertThat(ContentReleaseKind.stages(List.of("legal", "regional"), STAGES, List.of("EMEA", "APAC"), false))
                .extracting(Policy.Stage::name, Policy.Stage::approverRole)
                .containsExactly(tuple("legal", "partner-approver-legal"),
                        tuple("regional", "partner-approver-region-EMEA"), tuple("regional", "partner-approver-region-APAC"));
    }

    @Test
    @DisplayName("Given an adaptation of a kind without a regional stage, then a regional stage per region follows the kind's")
    void adaptationAddsRegional() {
        assertThat(ContentReleaseKind.stages(List.of("brand"), STAGES, List.of("EMEA"), true))
                .extracting(Policy.Stage::name, Policy.Stage::approverRole)
                .containsExactly(tuple("brand", "partner-approver-brand"), tuple("regional", "partner-approver-region-EMEA"));
        assertThat(ContentReleaseKind.stages(List.of(), STAGES, List.of("EMEA"), false)).isEmpty();
        assertThat(ContentReleaseKind.stages(List.of("legal", "regional"), STAGES, List.of("EMEA"), true))
                .extracting(Policy.Stage::name).containsExactly("legal", "regional");
    }

    @Test
    @DisplayName("Given an adaptation and a policy without a regional stage, then opening its review is refused (409)")
    void noRegionalDefinition() {
        Refusal refusal = catchThrowableOfType(Refusal.class, () -> ContentReleaseKind.stages(List.of("legal"),
                Map.of("legal", STAGES.get("legal")), List.of("EMEA"), true));
        assertThat(refusal.kind()).isEqualTo(Refusal.Kind.CONFLICT);
    }
}
