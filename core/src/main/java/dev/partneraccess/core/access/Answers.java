package dev.partneraccess.core.access;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.partneraccess.core.policy.Policy;
import dev.partneraccess.core.support.Refusal;
import dev.partneraccess.core.support.TextRules;

/**
 * The requester's answers to a programme's questions, checked against them: every answer answers a question of the
 * programme, every required question is answered, no answer is longer than its question allows. A pure rule: each
 * refusal names the question by its field ({@code answers.<id>}) and its English text.
 */
public final class Answers {

    private Answers() {
    }

    /** The answers kept, in the programme's order of its questions, stripped; blank optional answers are left out. */
    public static Map<String, String> check(String programme, List<Policy.Question> questions, Map<String, String> given) {
        Map<String, String> answers = given == null ? Map.of() : given;
        for (String id : answers.keySet()) {
            if (questions.stream().noneMatch(q -> q.id().equals(id))) {
                throw Refusal.invalid("answers." + id, "The " + programme + " asks no question '" + id + "'"
                        + (questions.isEmpty() ? "." : "; its questions: " + questions.stream().map(Policy.Question::id)
                        .collect(Collectors.joining(", ")) + "."));
            }
        }
        Map<String, String> kept = new LinkedHashMap<>();
        for (Policy.Question question : questions) {
            String field = "answers." + question.id();
            String answer = answers.get(question.id());
            answer = answer == null ? null : answer.strip();
            if (answer == null || answer.isEmpty()) {
                if (question.required()) {
                    throw Refusal.invalid(field, "Question '" + question.id() + "' (\"" + question.text().get("en")
                            + "\") must be answered.");
                }
                continue;
            }
            if (answer.length() > question.maxLength()) {
                throw Refusal.invalid(field, "The answer to question '" + question.id() + "' (\"" + question.text().get("en")
                        + "\") may be at most " + question.maxLength() + " characters.");
            }
            kept.put(question.id(), TextRules.check(field, answer, TextRules.MULTI_LINE));
        }
        return kept;
    }
}
