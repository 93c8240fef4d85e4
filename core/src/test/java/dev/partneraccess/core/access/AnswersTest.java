package dev.partneraccess.core.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import dev.partneraccess.core.policy.Policy;
import dev.partneraccess.core.support.Refusal;

class AnswersTest {

    private static final List<Policy.Question> QUESTIONS = List.of(
            new Policy.Question("customer", Map.of("en", "Which customer?"), true, 10),
            new Policy.Question("volume", Map.of("en", "What volume?"), false, 2000));

    private static Refusal refused(Map<String, String> answers) {
        return catchThrowableOfType(Refusal.class, () -> Answers.check("programme", QUESTIONS, answers));
    }

    @Test
    @DisplayName("Given answers to the questions, then they are kept in the questions' order, stripped, blank optional ones left out")
    void answersAreKeptInOrder() {
        Map<String, String> given = new LinkedHashMap<>();
        given.put("volume", "  ");
        given.put("customer", " ACME ");
        assertThat(Answers.check("programme", QUESTIONS, given)).containsExactly(Map.entry("customer", "ACME"));
        given.put("volume", "40 seats");
        assertThat(Answers.check("programme", QUESTIONS, given).keySet()).containsExactly("customer", "volume");
    }

    @Test
    @DisplayName("Given a required question left out or blank, then the request is refused naming the question and its text")
    void requiredQuestionMustBeAnswered() {
        Refusal missing = refused(Map.of("volume", "40"));
        assertThat(missing.kind()).isEqualTo(Refusal.Kind.INVALID);
        assertThat(missing.field()).isEqualTo("answers.customer");
        assertThat(missing.getMessage()).contains("Which customer?");
        assertThat(refused(Map.of("customer", " ")).field()).isEqualTo("answers.customer");
        assertThat(refused(null).field()).isEqualTo("answers.customer");
    }

    @Test
    @DisplayName("Given an answer too long or to a question not asked, then it is refused naming that answer")
    void tooLongOrUnaskedIsRefused() {
        assertThat(refused(Map.of("customer", "12345678901")).getMessage()).contains("at most 10 characters");
        assertThat(refused(Map.of("customer", "ACME", "budget", "1")).field()).isEqualTo("answers.budget");
    }

    @Test
    @DisplayName("Given a programme without questions, then no answers are needed and any answer is refused")
    void noQuestions() {
        assertThat(Answers.check("programme", List.of(), Map.of())).isEmpty();
        assertThat(catchThrowableOfType(Refusal.class, () -> Answers.check("programme", List.of(), Map.of("x", "y"))).field())
                .isEqualTo("answers.x");
    }
}
