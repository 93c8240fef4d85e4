package dev.partneraccess.core.policy;

import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Checks a policy document against the product's rules and the realm it governs, and turns it into a {@link Policy}.
 * Every refusal names the field at fault as a path such as {@code programmes[1].minTier}.
 * <p>
 * Each section of the document has its own rules class in this package ({@link TierRules}, {@link AgreementRules},
 * {@link StageRules}, {@link ProgrammeRules}, {@link SettingRules}, {@link ReviewScheduleRules},
 * {@link QuestionRules}, {@link ExceptionRules}, {@link ContentRules}), sharing the field checks of {@link PolicyFields}.
 * This class only runs them in document order, so the first refusal is always the same one; a later section may read
 * what an earlier one returned (programmes read tiers and stages). To add a section: name its field in
 * {@code TOP_FIELDS}, write its rules class next to the others, and call it below after the sections it depends on.
 */
public final class PolicyValidator {

    /** Fields the server adds to the document it returns; a PUT may echo them back and they are ignored. */
    public static final Set<String> SERVER_FIELDS = Set.of("version", "updatedAt", "updatedBy");

    private static final Set<String> TOP_FIELDS = Set.of("tiers", "agreement", "stages", "programmes",
            "requestTimeoutDays", "expiryNoticeDays", "outOfBand", "serviceAccountStages",
            "reviewSchedule", "exceptions", "content");

    private final RealmCatalog catalog;

    public PolicyValidator(RealmCatalog catalog) {
        this.catalog = catalog;
    }

    public Policy validate(ObjectNode input) {
        ObjectNode doc = input.deepCopy();
        doc.remove(SERVER_FIELDS);
        PolicyFields.allowOnly(doc, TOP_FIELDS, "");

        List<Policy.Tier> tiers = TierRules.tiers(doc.get("tiers"));
        Policy.Agreement agreement = AgreementRules.agreement(doc.get("agreement"), tiers);
        Map<String, Policy.Stage> stages = StageRules.stages(doc.get("stages"), catalog);
        List<Policy.Programme> programmes = ProgrammeRules.programmes(doc.get("programmes"), tiers, stages, catalog);
        int requestTimeoutDays = SettingRules.requestTimeoutDays(doc);
        List<Integer> notices = SettingRules.expiryNoticeDays(doc.get("expiryNoticeDays"));
        String outOfBand = SettingRules.outOfBand(doc.get("outOfBand"));
        List<String> serviceAccountStages = StageRules.stageList(doc.get("serviceAccountStages"), "serviceAccountStages",
                stages, false);
        List<Policy.ReviewSchedule> reviewSchedule = ReviewScheduleRules.schedules(doc.get("reviewSchedule"));
        Policy.Exceptions exceptions = ExceptionRules.exceptions(doc.get("exceptions"), stages);
        // Read again from the document when a package needs it (ContentRules.kinds(policy)).
        ContentRules.kinds(doc.get("content"), stages);
        return new Policy(List.copyOf(tiers), agreement, Map.copyOf(stages), List.copyOf(programmes), requestTimeoutDays,
                List.copyOf(notices), outOfBand, List.copyOf(serviceAccountStages), List.copyOf(reviewSchedule), doc,
                exceptions);
    }
}
