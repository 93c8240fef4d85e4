package dev.partneraccess.core.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TextRulesTest {

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"Acme Integrators", "Zürich AG", "東京パートナー", "شركة", "O'Brien & Söhne (EMEA)", "a",
            "नमस्ते", "emoji 👩‍💻 team", "פרטנר בע\"מ", "Ｆｕｌｌ ｗｉｄｔｈ"})
    @DisplayName("Given ordinary names in any script, then they pass as a line")
    void ordinaryNamesPass(String name) {
        assertThat(TextRules.problem(name, TextRules.LINE)).isNull();
    }

    @ParameterizedTest(name = "U+{0}")
    @ValueSource(ints = {0x00, 0x01, 0x07, 0x08, 0x1B, 0x7F, 0x85, 0x9B})
    @DisplayName("Given NUL, escape, DEL or a C1 control, then it is refused as a line and as free text")
    void controlCharactersRefused(int c) {
        String value = "Acme" + (char) c + "[31mCorp";

        assertThat(TextRules.problem(value, TextRules.LINE)).contains("control character");
        assertThat(TextRules.problem(value, TextRules.MULTI_LINE)).contains("control character");
    }

    @ParameterizedTest(name = "U+{0}")
    @ValueSource(ints = {0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069})
    @DisplayName("Given a bidirectional embedding, override or isolate, then it is refused even inside visible text")
    void bidiControlsRefused(int c) {
        String value = "invoice" + (char) c + "fdp.exe";

        assertThat(TextRules.problem(value, TextRules.LINE)).contains("bidirectional");
        assertThat(TextRules.problem(value, TextRules.MULTI_LINE)).contains("bidirectional");
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"\u200B", "\u200B\u200C\u200D", "\uFEFF", "\u00A0\u2003", "\u3164", "\u2800", "\u0301",
            "\u180E", "\u2060\u2061", "\uFE0F"})
    @DisplayName("Given only zero-width, format, space, filler or combining characters, then it has nothing visible and is refused")
    void invisibleOnlyRefused(String value) {
        assertThat(TextRules.problem(value, TextRules.LINE)).isEqualTo("has no visible characters");
        assertThat(TextRules.problem(value, TextRules.MULTI_LINE)).isEqualTo("has no visible characters");
    }

    @Test
    @DisplayName("Given a line break or a tab, then free text keeps it and a line refuses it")
    void lineBreaksOnlyInFreeText() {
        String reason = "Contract ended.\r\n\tSee ticket 42.\u2028Done.";

        assertThat(TextRules.problem(reason, TextRules.MULTI_LINE)).isNull();
        assertThat(TextRules.problem("Acme\nCorp", TextRules.LINE)).contains("single line");
        assertThat(TextRules.problem("Acme\tCorp", TextRules.LINE)).contains("single line");
        assertThat(TextRules.problem("\n\t\n", TextRules.MULTI_LINE)).isEqualTo("has no visible characters");
    }

    @Test
    @DisplayName("Given an unpaired surrogate, then it is refused")
    void unpairedSurrogateRefused() {
        assertThat(TextRules.problem("Acme\uD800", TextRules.LINE)).contains("surrogate");
        assertThat(TextRules.problem("\uDC00Acme", TextRules.MULTI_LINE)).contains("surrogate");
    }

    @Test
    @DisplayName("Given a refused value, then check answers 400 naming the field and the code point; null passes")
    void checkNamesFieldAndCodePoint() {
        Refusal e = catchThrowableOfType(Refusal.class, () -> TextRules.check("region", "EM\u0000EA", TextRules.LINE));

        assertThat(e.kind()).isEqualTo(Refusal.Kind.INVALID);
        assertThat(e.field()).isEqualTo("region");
        assertThat(e.getMessage()).isEqualTo("'region' contains the control character U+0000.");
        assertThat(TextRules.check("region", null, TextRules.LINE)).isNull();
        assertThat(TextRules.check("region", "EMEA", TextRules.LINE)).isEqualTo("EMEA");
    }

    @Test
    @DisplayName("Given a filter, then blank is no filter, it is trimmed, and control text is a 400 naming the parameter")
    void filters() {
        assertThat(TextRules.filter("tier", null)).isNull();
        assertThat(TextRules.filter("tier", "  ")).isNull();
        assertThat(TextRules.filter("tier", " gold ")).isEqualTo("gold");
        Refusal e = catchThrowableOfType(Refusal.class, () -> TextRules.filter("user", "a\u0000b"));
        assertThat(e.field()).isEqualTo("user");
    }

    @Test
    @DisplayName("Given ids, then words are plausible and anything with control, format or space characters is not")
    void plausibleIds() {
        assertThat(TextRules.plausibleId("5b0c7a4e-2f1d-4c8e-9a43-0d6e1f7b9c21")).isTrue();
        assertThat(TextRules.plausibleId("system")).isTrue();
        assertThat(TextRules.plausibleId(null)).isFalse();
        assertThat(TextRules.plausibleId("")).isFalse();
        assertThat(TextRules.plausibleId("a\u0000b")).isFalse();
        assertThat(TextRules.plausibleId("a b")).isFalse();
        assertThat(TextRules.plausibleId("a\u200Bb")).isFalse();
        assertThat(TextRules.plausibleId("x".repeat(256))).isFalse();
    }

    @Test
    @DisplayName("Given text longer than a column, then clip cuts it there, never inside a surrogate pair")
    void clipKeepsPairsWhole() {
        assertThat(TextRules.clip("abcdef", 4)).isEqualTo("abcd");
        assertThat(TextRules.clip("abc", 4)).isEqualTo("abc");
        assertThat(TextRules.clip(null, 4)).isNull();
        assertThat(TextRules.clip("abc\uD83D\uDE00", 4)).isEqualTo("abc");
        assertThat(TextRules.clip("ab\uD83D\uDE00", 4)).isEqualTo("ab\uD83D\uDE00");
    }

    @Test
    @DisplayName("Given names differing only in case, width, spacing or invisible characters, then they share one key")
    void nameKeysFoldCaseAndWidth() {
        String key = TextRules.nameKey("Fuzz Co");

        assertThat(TextRules.nameKey("fuzz co")).isEqualTo(key);
        assertThat(TextRules.nameKey("FUZZ CO")).isEqualTo(key);
        assertThat(TextRules.nameKey("ＦＵＺＺ　ＣＯ")).isEqualTo(key);
        assertThat(TextRules.nameKey("  Fuzz   Co ")).isEqualTo(key);
        assertThat(TextRules.nameKey("Fuzz\u200B Co")).isEqualTo(key);
        assertThat(TextRules.nameKey("Straße GmbH")).isEqualTo(TextRules.nameKey("STRASSE gmbh"));
        assertThat(TextRules.nameKey("ﬁne")).isEqualTo(TextRules.nameKey("FINE"));
        assertThat(TextRules.nameKey("Fuzz Co.")).isNotEqualTo(key);
        assertThat(TextRules.nameKey("Fuzz Corp")).isNotEqualTo(key);
    }
}
