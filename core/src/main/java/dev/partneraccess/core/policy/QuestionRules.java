package dev.partneraccess.core.policy;

import static dev.partneraccess.core.policy.PolicyFields.allowOnly;
import static dev.partneraccess.core.policy.PolicyFields.object;
import static dev.partneraccess.core.policy.PolicyFields.optionalInt;
import static dev.partneraccess.core.policy.PolicyFields.requiredText;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import dev.partneraccess.core.support.Refusal;

/**
 * A programme's {@code questions}: each with an id unique in the programme (lower-case letters, digits and dashes, the
 * key of its answer), its text in English and optionally German and French, whether it must be answered, and how long
 * an answer may be.
 */
final class QuestionRules {

    static final int MAX_QUESTIONS = 10;
    static final int MAX_ANSWER = 2000;
    static final Set<String> LANGUAGES = Set.of("en", "de", "fr");
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final Set<String> FIELDS = Set.of("id", "text", "required", "maxLength");

    private QuestionRules() {
    }

    static List<Policy.Question> questions(JsonNode node, String path) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw Refusal.invalid(path, "'" + path + "' must be an array of questions.");
        }
        if (node.size() > MAX_QUESTIONS) {
            throw Refusal.invalid(path, "A programme asks at most " + MAX_QUESTIONS + " questions.");
        }
        List<Policy.Question> questions = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            String at = path + "[" + i + "]";
            JsonNode question = object(node.get(i), at);
            allowOnly(question, FIELDS, at + ".");
            String id = requiredText(question, "id", at + ".id", 64);
            if (!ID.matcher(id).matches()) {
                throw Refusal.invalid(at + ".id", "Question id '" + id
                        + "' must be lower-case letters, digits and dashes, starting with a letter or digit.");
            }
            if (!ids.add(id)) {
                throw Refusal.invalid(at + ".id", "Question id '" + id + "' is used twice in this programme.");
            }
            JsonNode texts = object(question.get("text"), at + ".text");
            allowOnly(texts, LANGUAGES, at + ".text.");
            Map<String, String> text = new LinkedHashMap<>();
            for (String language : List.of("en", "de", "fr")) {
                String wording = language.equals("en")
                        ? requiredText(texts, language, at + ".text.en", 500)
                        : PolicyFields.optionalText(texts, language, at + ".text." + language, 500);
                if (wording != null) {
                    text.put(language, wording);
                }
            }
            JsonNode required = question.get("required");
            if (required != null && !required.isNull() && !required.isBoolean()) {
                throw Refusal.invalid(at + ".required", "'" + at + ".required' must be true or false.");
            }
            int maxLength = optionalInt(question, "maxLength", at + ".maxLength", 1, MAX_ANSWER, MAX_ANSWER);
            questions.add(new Policy.Question(id, Map.copyOf(text), required != null && required.booleanValue(), maxLength));
        }
        return List.copyOf(questions);
    }
}
