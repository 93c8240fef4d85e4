package dev.partneraccess.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.partneraccess.core.support.Refusal;
import dev.partneraccess.core.support.Json;

class PolicyValidatorTest {

    /** The example of the product design, as shipped with the demo realm (the module directory is the working dir). */
    private static final Path DEMO_POLICY = Path.of("..", "demo", "policy.json");

    private final PolicyValidator validator = new PolicyValidator(FakeRealmCatalog.demoRealm());
    private ObjectNode demo;

    @BeforeEach
    void readDemoPolicy() throws IOException {
        demo = (ObjectNode) Json.MAPPER.readTree(Files.readString(DEMO_POLICY));
    }

    @Test
    @DisplayName("Given the design's example policy, then it validates into three tiers ranked 1 to 3 with their limits and actions")
    void demoPolicyYieldsTiers() {
        Policy policy = validator.validate(demo);

        assertThat(policy.tiers()).extracting(Policy.Tier::name, Policy.Tier::rank, Policy.Tier::maxGrantDays,
                        Policy.Tier::attestationDays)
                .containsExactly(
                        tuple("registered", 1, 30, 90),
                        tuple("silver", 2, 90, 180),
                        tuple("gold", 3, 180, null));
        assertThat(policy.tier("registered").orElseThrow().requiredActions())
                .containsExactly(Policy.AGREEMENT_ACTION, Policy.ATTESTATION_ACTION);
        assertThat(policy.tier("gold").orElseThrow().requiredActions()).containsExactly(Policy.AGREEMENT_ACTION);
        assertThat(policy.agreement()).isEqualTo(new Policy.Agreement("2026-11", "https://example.com/partner-agreement"));
    }

    @Test
    @DisplayName("Given the design's example policy, then its stages and programmes are typed as written")
    void demoPolicyYieldsStagesAndProgrammes() {
        Policy policy = validator.validate(demo);

        assertThat(policy.stages()).containsOnlyKeys("legal", "brand", "security", "regional", "owner");
        assertThat(policy.stages().get("legal")).isEqualTo(new Policy.Stage("legal", "partner-approver-legal", null, false));
        assertThat(policy.stages().get("regional"))
                .isEqualTo(new Policy.Stage("regional", null, "partner-approver-region-", false));
        assertThat(policy.stages().get("owner")).isEqualTo(new Policy.Stage("owner", null, null, true));
        assertThat(policy.programmes()).containsExactly(
                new Policy.Programme("deal-registration", null, List.of("regional"), "registered", 90),
                new Policy.Programme("co-marketing-assets", "brand-portal", List.of("brand", "legal"), "silver", null),
                new Policy.Programme("pricing-api", "partner-api", List.of("legal", "security", "regional"), "gold", 30));
        assertThat(policy.expiryNoticeDays()).containsExactly(14, 1);
        assertThat(policy.outOfBand()).isEqualTo("revert");
        assertThat(policy.serviceAccountStages()).isEmpty();
    }

    @Test
    @DisplayName("Given no requestTimeoutDays, outOfBand or expiryNoticeDays, then the defaults 14, revert and none apply")
    void absentOptionsTakeDefaults() {
        demo.remove(List.of("requestTimeoutDays", "outOfBand", "expiryNoticeDays"));

        Policy policy = validator.validate(demo);

        assertThat(policy.requestTimeoutDays()).isEqualTo(14);
        assertThat(policy.outOfBand()).isEqualTo("revert");
        assertThat(policy.expiryNoticeDays()).isEmpty();
    }

    @Test
    @DisplayName("Given explicit requestTimeoutDays, outOfBand flag and serviceAccountStages, then the typed view carries them")
    void explicitOptionsAreKept() {
        demo.put("requestTimeoutDays", 7).put("outOfBand", "flag");
        demo.putArray("serviceAccountStages").add("security");

        Policy policy = validator.validate(demo);

        assertThat(policy.requestTimeoutDays()).isEqualTo(7);
        assertThat(policy.outOfBand()).isEqualTo("flag");
        assertThat(policy.serviceAccountStages()).containsExactly("security");
    }

    @Test
    @DisplayName("Given a PUT that echoes version, updatedAt and updatedBy, then they are ignored and stripped from the document")
    void serverFieldsAreStripped() {
        ObjectNode expectedDocument = demo.deepCopy();
        demo.put("version", 7).put("updatedAt", "2026-11-26T10:00:00.000Z").put("updatedBy", "some-admin-id");

        Policy policy = validator.validate(demo);

        assertThat(policy.document()).isEqualTo(expectedDocument);
        assertThat(policy.document().has("version")).isFalse();
        assertThat(demo.has("version")).as("the caller's input is not changed").isTrue();
    }

    @Test
    @DisplayName("Given a programme with no stages, then it is accepted as self-service")
    void emptyStagesMeanSelfService() {
        programme(demo, 0).putArray("stages");

        assertThat(validator.validate(demo).programmes().get(0).stages()).isEmpty();
    }

    @Test
    @DisplayName("Given no tier requires the agreement, then the agreement may be left out")
    void agreementOptionalWhenNoTierRequiresIt() {
        demo.remove("agreement");
        for (int i = 0; i < 3; i++) {
            tier(demo, i).remove(List.of("requiredActions", "attestationDays"));
        }

        Policy policy = validator.validate(demo);

        assertThat(policy.agreement()).isNull();
        assertThat(policy.tiers()).allSatisfy(t -> assertThat(t.requiredActions()).isEmpty());
    }

    @Test
    @DisplayName("Given a realm role and a client role of the same name in two programmes, then they are not duplicates")
    void sameRoleNameInRealmAndClientIsDistinct() {
        ObjectNode clientCopy = programme(demo, 0).deepCopy().put("client", "partner-api");
        ((ArrayNode) demo.get("programmes")).add(clientCopy);
        FakeRealmCatalog realm = FakeRealmCatalog.demoRealm().client("partner-api", "deal-registration");

        Policy policy = new PolicyValidator(realm).validate(demo);

        assertThat(policy.programmes()).extracting(Policy.Programme::client).containsExactly(null, "brand-portal",
                "partner-api", "partner-api");
    }

    @Test
    @DisplayName("Given a reviewSchedule, then each recurring review is typed as written; without one there is none")
    void reviewScheduleIsTyped() {
        assertThat(validator.validate(demo).reviewSchedule()).isEmpty();
        schedules(demo).add(schedule());

        Policy policy = validator.validate(demo);

        assertThat(policy.reviewSchedule()).containsExactly(new Policy.ReviewSchedule("Quarterly EMEA", 90, null, null,
                "EMEA", "deal-registration", null, false, "owner", 14, "revoke"));
        assertThat(policy.document().get("reviewSchedule")).hasSize(1);
    }

    private static ObjectNode schedule() {
        ObjectNode schedule = Json.object();
        schedule.put("name", "Quarterly EMEA");
        schedule.put("everyDays", 90);
        schedule.putObject("scope").put("region", "EMEA").put("role", "deal-registration").put("serviceAccounts", false);
        schedule.put("reviewer", "owner");
        schedule.put("days", 14);
        schedule.put("defaultDecision", "revoke");
        return schedule;
    }

    private static ArrayNode schedules(ObjectNode doc) {
        return doc.has("reviewSchedule") ? (ArrayNode) doc.get("reviewSchedule") : doc.putArray("reviewSchedule");
    }

    private static ObjectNode scheduled(ObjectNode doc) {
        ObjectNode schedule = schedule();
        schedules(doc).add(schedule);
        return schedule;
    }

    @ParameterizedTest(name = "{0} -> 400 on {1}")
    @MethodSource("rejections")
    @DisplayName("Given an invalid policy, then it is refused with 400 naming the field at fault")
    void invalidPolicyIsRefused(Consumer<ObjectNode> breakIt, String field) {
        breakIt.accept(demo);

        Refusal refused = catchThrowableOfType(Refusal.class, () -> validator.validate(demo));

        assertThat(refused).as("a Refusal").isNotNull();
        assertThat(refused.kind()).isEqualTo(Refusal.Kind.INVALID);
        assertThat(refused.field()).isEqualTo(field);
        assertThat(refused.getMessage()).isNotBlank();
    }

    static Stream<Arguments> rejections() {
        return Stream.of(
                refusal("tier name used twice, other case", d -> tier(d, 1).put("name", "REGISTERED"), "tiers[1].name"),
                refusal("tier rank used twice", d -> tier(d, 2).put("rank", 1), "tiers[2].rank"),
                refusal("rank below 1", d -> tier(d, 0).put("rank", 0), "tiers[0].rank"),
                refusal("maxGrantDays 0", d -> tier(d, 0).put("maxGrantDays", 0), "tiers[0].maxGrantDays"),
                refusal("maxGrantDays above 3650", d -> tier(d, 1).put("maxGrantDays", 3651), "tiers[1].maxGrantDays"),
                refusal("maxGrantDays fractional", d -> tier(d, 0).put("maxGrantDays", 30.5), "tiers[0].maxGrantDays"),
                refusal("maxGrantDays as a string", d -> tier(d, 0).put("maxGrantDays", "30"), "tiers[0].maxGrantDays"),
                refusal("maxGrantDays missing", d -> tier(d, 2).remove("maxGrantDays"), "tiers[2].maxGrantDays"),
                refusal("unknown required action", d -> ((ArrayNode) tier(d, 2).get("requiredActions")).add("update-password"),
                        "tiers[2].requiredActions"),
                refusal("required action listed twice",
                        d -> ((ArrayNode) tier(d, 2).get("requiredActions")).add(Policy.AGREEMENT_ACTION),
                        "tiers[2].requiredActions"),
                refusal("attestation action without attestationDays", d -> tier(d, 1).remove("attestationDays"),
                        "tiers[1].attestationDays"),
                refusal("unknown tier field", d -> tier(d, 0).put("colour", "blue"), "tiers[0].colour"),
                refusal("empty tiers", d -> d.putArray("tiers"), "tiers"),
                refusal("no tiers", d -> d.remove("tiers"), "tiers"),
                refusal("tier not an object", d -> ((ArrayNode) d.get("tiers")).set(0, "gold"), "tiers[0]"),
                refusal("agreement missing while tiers require it", d -> d.remove("agreement"), "agreement"),
                refusal("agreement url not http(s)", d -> agreement(d).put("url", "ftp://example.com/a"), "agreement.url"),
                refusal("agreement url relative", d -> agreement(d).put("url", "/partner-agreement"), "agreement.url"),
                refusal("agreement url malformed", d -> agreement(d).put("url", "https://exa mple.com/"), "agreement.url"),
                refusal("agreement url without host", d -> agreement(d).put("url", "https:partner-agreement"), "agreement.url"),
                refusal("agreement without version", d -> agreement(d).remove("version"), "agreement.version"),
                refusal("unknown stage name", d -> stages(d).putObject("finance").put("approverRole", "partner-approver-legal"),
                        "stages.finance"),
                refusal("approverRole not a realm role", d -> stages(d).putObject("legal").put("approverRole", "nobody"),
                        "stages.legal.approverRole"),
                refusal("owner stage with businessOwner false", d -> stages(d).putObject("owner").put("businessOwner", false),
                        "stages.owner.businessOwner"),
                refusal("owner stage without businessOwner", d -> stages(d).putObject("owner"), "stages.owner.businessOwner"),
                refusal("regional stage without approverRolePrefix", d -> stages(d).putObject("regional"),
                        "stages.regional.approverRolePrefix"),
                refusal("regional stage with an approverRole instead",
                        d -> stages(d).putObject("regional").put("approverRole", "partner-approver-legal"),
                        "stages.regional.approverRole"),
                refusal("programme stage not defined in stages", d -> stages(d).remove("brand"), "programmes[1].stages"),
                refusal("programme stage listed twice", d -> programme(d, 0).putArray("stages").add("regional").add("regional"),
                        "programmes[0].stages"),
                refusal("programme without stages", d -> programme(d, 0).remove("stages"), "programmes[0].stages"),
                refusal("programme realm role missing", d -> programme(d, 0).put("role", "no-such-role"), "programmes[0].role"),
                refusal("programme client missing", d -> programme(d, 1).put("client", "no-such-client"), "programmes[1].client"),
                refusal("client has no such role (a realm role of that name does not count)",
                        d -> programme(d, 2).put("role", "deal-registration"), "programmes[2].role"),
                refusal("minTier not defined", d -> programme(d, 0).put("minTier", "platinum"), "programmes[0].minTier"),
                refusal("programme maxDays 0", d -> programme(d, 2).put("maxDays", 0), "programmes[2].maxDays"),
                refusal("same programme twice", d -> ((ArrayNode) d.get("programmes")).add(programme(d, 1).deepCopy()),
                        "programmes[3].role"),
                refusal("outOfBand unknown mode", d -> d.put("outOfBand", "ignore"), "outOfBand"),
                refusal("outOfBand not a string", d -> d.put("outOfBand", true), "outOfBand"),
                refusal("expiryNoticeDays 0", d -> d.putArray("expiryNoticeDays").add(0), "expiryNoticeDays"),
                refusal("expiryNoticeDays above 365", d -> d.putArray("expiryNoticeDays").add(366), "expiryNoticeDays"),
                refusal("expiryNoticeDays fractional", d -> d.putArray("expiryNoticeDays").add(1.5), "expiryNoticeDays"),
                refusal("expiryNoticeDays repeated", d -> d.putArray("expiryNoticeDays").add(7).add(7), "expiryNoticeDays"),
                refusal("expiryNoticeDays not an array", d -> d.put("expiryNoticeDays", 14), "expiryNoticeDays"),
                refusal("requestTimeoutDays 0", d -> d.put("requestTimeoutDays", 0), "requestTimeoutDays"),
                refusal("serviceAccountStages names an undefined stage",
                        d -> d.putArray("serviceAccountStages").add("finance"), "serviceAccountStages"),
                refusal("serviceAccountStages names a stage the policy left out", d -> {
                    stages(d).remove("security");
                    programme(d, 2).putArray("stages").add("legal");
                    d.putArray("serviceAccountStages").add("security");
                }, "serviceAccountStages"),
                refusal("reviewSchedule not an array", d -> d.put("reviewSchedule", "quarterly"), "reviewSchedule"),
                refusal("reviewSchedule entry not an object", d -> schedules(d).add("quarterly"), "reviewSchedule[0]"),
                refusal("reviewSchedule unknown field", d -> scheduled(d).put("colour", "gold"), "reviewSchedule[0].colour"),
                refusal("reviewSchedule without a name", d -> scheduled(d).remove("name"), "reviewSchedule[0].name"),
                refusal("reviewSchedule name used twice", d -> {
                    scheduled(d);
                    scheduled(d);
                }, "reviewSchedule[1].name"),
                refusal("reviewSchedule everyDays 0", d -> scheduled(d).put("everyDays", 0), "reviewSchedule[0].everyDays"),
                refusal("reviewSchedule days 0", d -> scheduled(d).put("days", 0), "reviewSchedule[0].days"),
                refusal("reviewSchedule days beyond the period", d -> scheduled(d).put("days", 91), "reviewSchedule[0].days"),
                refusal("reviewSchedule without a scope", d -> scheduled(d).remove("scope"), "reviewSchedule[0].scope"),
                refusal("reviewSchedule empty scope", d -> scheduled(d).putObject("scope"), "reviewSchedule[0].scope"),
                refusal("reviewSchedule unknown scope field", d -> ((ObjectNode) scheduled(d).get("scope")).put("colour", "gold"),
                        "reviewSchedule[0].scope.colour"),
                refusal("reviewSchedule serviceAccounts not a boolean",
                        d -> ((ObjectNode) scheduled(d).get("scope")).put("serviceAccounts", "yes"),
                        "reviewSchedule[0].scope.serviceAccounts"),
                refusal("reviewSchedule without a reviewer", d -> scheduled(d).remove("reviewer"), "reviewSchedule[0].reviewer"),
                refusal("reviewSchedule defaultDecision unknown", d -> scheduled(d).put("defaultDecision", "maybe"),
                        "reviewSchedule[0].defaultDecision"),
                refusal("unknown top-level field", d -> d.put("approvers", "everyone"), "approvers"),
                refusal("tier name with NUL", d -> tier(d, 0).put("name", "regis\u0000tered"), "tiers[0].name"),
                refusal("tier name with an ANSI escape", d -> tier(d, 2).put("name", "\u001b[31mgold"), "tiers[2].name"),
                refusal("tier name only zero-width", d -> tier(d, 1).put("name", "\u200b\u200d"), "tiers[1].name"),
                refusal("tier name with a line break", d -> tier(d, 1).put("name", "sil\nver"), "tiers[1].name"),
                refusal("tier name used twice, full width", d -> tier(d, 2).put("name", "\uff53\uff49\uff4c\uff56\uff45\uff52"),
                        "tiers[2].name"),
                refusal("agreement version with a bidi override", d -> agreement(d).put("version", "2026-\u202e11"),
                        "agreement.version"),
                refusal("agreement url with a control character", d -> agreement(d).put("url", "https://example.com/\u0007a"),
                        "agreement.url"),
                refusal("regional prefix with an isolate", d -> stages(d).putObject("regional")
                        .put("approverRolePrefix", "partner-approver-\u2066region-"), "stages.regional.approverRolePrefix"),
                refusal("programme minTier with NUL", d -> programme(d, 0).put("minTier", "registered\u0000"),
                        "programmes[0].minTier"));
    }

    private static Arguments refusal(String what, Consumer<ObjectNode> breakIt, String field) {
        return arguments(Named.of(what, breakIt), field);
    }

    private static ObjectNode tier(ObjectNode doc, int i) {
        return (ObjectNode) doc.get("tiers").get(i);
    }

    private static ObjectNode programme(ObjectNode doc, int i) {
        return (ObjectNode) doc.get("programmes").get(i);
    }

    private static ObjectNode stages(ObjectNode doc) {
        return (ObjectNode) doc.get("stages");
    }

    private static ObjectNode agreement(ObjectNode doc) {
        return (ObjectNode) doc.get("agreement");
    }
}
