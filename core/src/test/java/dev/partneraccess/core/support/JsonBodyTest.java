package dev.partneraccess.core.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class JsonBodyTest {

    @Test
    @DisplayName("Given a JSON object body, then its fields are readable")
    void readsObject() {
        JsonBody body = JsonBody.parse("{\"name\":\"  Acme  \",\"enforceIdp\":true,\"domains\":[\"acme.com\",\" acme.org \"]}");

        assertThat(body.requiredString("name", 10)).isEqualTo("Acme");
        assertThat(body.optionalBoolean("enforceIdp")).isTrue();
        assertThat(body.optionalStringList("domains", 5, 20)).containsExactly("acme.com", "acme.org");
        assertThat(body.has("name")).isTrue();
        assertThat(body.hasValue("idp")).isFalse();
    }

    @ParameterizedTest(name = "body [{0}]")
    @NullSource
    @ValueSource(strings = {"", "   ", "{", "{\"a\":}", "not json", "[1,2]", "\"text\"", "42", "null",
            "{\"a\":1} {\"b\":2}", "{\"a\":1,\"a\":2}"})
    @DisplayName("Given an empty, malformed, duplicated-key, trailing or non-object body, then it is refused with 400 and no field")
    void badBodiesRefused(String raw) {
        assertBadRequest(() -> JsonBody.parse(raw), null);
    }

    @ParameterizedTest(name = "days {0}")
    @ValueSource(strings = {"0", "3651", "1.5", "\"30\"", "true", "99999999999", "null"})
    @DisplayName("Given a whole number out of range, a fraction, a string, a boolean, an overflow or null, then it is refused naming the field")
    void requiredIntRefusals(String value) {
        JsonBody body = JsonBody.parse("{\"days\":" + value + "}");
        assertBadRequest(() -> body.requiredInt("days", 1, 3650), "days");
    }

    @Test
    @DisplayName("Given a whole number within range, then it is read; the bounds themselves are allowed")
    void requiredIntReads() {
        assertThat(JsonBody.parse("{\"days\":1}").requiredInt("days", 1, 3650)).isEqualTo(1);
        assertThat(JsonBody.parse("{\"days\":3650}").requiredInt("days", 1, 3650)).isEqualTo(3650);
        assertBadRequest(() -> JsonBody.parse("{}").requiredInt("days", 1, 3650), "days");
    }

    @Test
    @DisplayName("Given deeply nested JSON, then it is refused with 400 rather than failing the server")
    void deepNestingRefused() {
        String raw = "{\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}";

        assertBadRequest(() -> JsonBody.parse(raw), null);
    }

    @Test
    @DisplayName("Given a body over the byte limit, counted in UTF-8 bytes not characters, then it is refused with 400")
    void tooLargeRefused() {
        String raw = "{\"a\":\"éé\"}"; // 10 characters, 12 bytes

        assertThat(JsonBody.parse(raw, 12).node().get("a").textValue()).isEqualTo("éé");
        assertBadRequest(() -> JsonBody.parse(raw, 11), null);
        assertBadRequest(() -> JsonBody.parse("{\"a\":\"" + "x".repeat(JsonBody.DEFAULT_MAX_BYTES) + "\"}"), null);
    }

    @Test
    @DisplayName("Given a field outside the allowed ones, then it is refused with 400 naming that field")
    void unknownFieldRefused() {
        JsonBody body = JsonBody.parse("{\"name\":\"Acme\",\"tier\":\"gold\",\"colour\":\"red\"}");

        assertBadRequest(() -> body.allowOnly("name", "tier"), "colour");
        assertThat(body.allowOnly("name", "tier", "colour")).isSameAs(body);
    }

    @Test
    @DisplayName("Given a required string that is missing, null, blank, not a string or too long, then 400 names it")
    void requiredStringChecks() {
        JsonBody body = JsonBody.parse("{\"nul\":null,\"blank\":\"   \",\"num\":5,\"obj\":{},\"long\":\"abcdef\",\"ok\":\" abcde \"}");

        assertBadRequest(() -> body.requiredString("absent", 5), "absent");
        assertBadRequest(() -> body.requiredString("nul", 5), "nul");
        assertBadRequest(() -> body.requiredString("blank", 5), "blank");
        assertBadRequest(() -> body.requiredString("num", 5), "num");
        assertBadRequest(() -> body.requiredString("obj", 5), "obj");
        assertBadRequest(() -> body.requiredString("long", 5), "long");
        assertThat(body.requiredString("ok", 5)).isEqualTo("abcde");
    }

    @Test
    @DisplayName("Given an optional string that is absent or null, then it reads as null; a wrong type is still refused")
    void optionalStringChecks() {
        JsonBody body = JsonBody.parse("{\"nul\":null,\"flag\":true}");

        assertThat(body.optionalString("absent", 5)).isNull();
        assertThat(body.optionalString("nul", 5)).isNull();
        assertBadRequest(() -> body.optionalString("flag", 5), "flag");
    }

    @Test
    @DisplayName("Given a boolean field holding a string or number, then 400 names it")
    void optionalBooleanChecks() {
        JsonBody body = JsonBody.parse("{\"s\":\"true\",\"n\":1,\"nul\":null,\"f\":false}");

        assertBadRequest(() -> body.optionalBoolean("s"), "s");
        assertBadRequest(() -> body.optionalBoolean("n"), "n");
        assertThat(body.optionalBoolean("nul")).isNull();
        assertThat(body.optionalBoolean("f")).isFalse();
    }

    @Test
    @DisplayName("Given a string list that is not an array, too long, holds non-strings, blanks, long entries or duplicates, then 400 names it")
    void stringListChecks() {
        JsonBody body = JsonBody.parse("""
                {"notArray":"a", "tooMany":["a","b","c"], "number":["a",1], "blank":["a"," "],
                 "longEntry":["abcdef"], "dup":["a","b","a"], "dupAfterStrip":["a"," a "], "nul":null, "empty":[]}
                """);

        assertBadRequest(() -> body.optionalStringList("notArray", 2, 5), "notArray");
        assertBadRequest(() -> body.optionalStringList("tooMany", 2, 5), "tooMany");
        assertBadRequest(() -> body.optionalStringList("number", 2, 5), "number");
        assertBadRequest(() -> body.optionalStringList("blank", 2, 5), "blank");
        assertBadRequest(() -> body.optionalStringList("longEntry", 2, 5), "longEntry");
        assertBadRequest(() -> body.optionalStringList("dup", 3, 5), "dup");
        assertBadRequest(() -> body.optionalStringList("dupAfterStrip", 2, 5), "dupAfterStrip");
        assertThat(body.optionalStringList("nul", 2, 5)).isNull();
        assertThat(body.optionalStringList("absent", 2, 5)).isNull();
        assertThat(body.optionalStringList("empty", 2, 5)).isEmpty();
    }

    @Test
    @DisplayName("Given control, bidi or invisible-only text, then strings and list entries are refused naming the field")
    void textRulesApplyToEveryString() {
        JsonBody body = JsonBody.parse("""
                {"nul":"Acme\\u0000", "ansi":"\\u001b[2JAcme", "bidi":"Acme\\u202eoC", "zw":"\\u200b\\u200b",
                 "newline":"Acme\\nCorp", "units":["sales","mark\\u0000eting"], "unitsBlank":["sales","\\u200b"]}
                """);

        assertBadRequest(() -> body.requiredString("nul", 50), "nul");
        assertBadRequest(() -> body.optionalString("ansi", 50), "ansi");
        assertBadRequest(() -> body.requiredString("bidi", 50), "bidi");
        assertBadRequest(() -> body.requiredString("zw", 50), "zw");
        assertBadRequest(() -> body.requiredString("newline", 50), "newline");
        assertBadRequest(() -> body.optionalStringList("units", 5, 50), "units");
        assertBadRequest(() -> body.optionalStringList("unitsBlank", 5, 50), "unitsBlank");
        assertBadRequest(() -> body.requiredText("nul", 50), "nul");
        assertBadRequest(() -> body.optionalText("bidi", 50), "bidi");
        assertBadRequest(() -> body.requiredText("zw", 50), "zw");
    }

    @Test
    @DisplayName("Given free text over several lines with tabs, then the text readers keep it and the string readers refuse it")
    void freeTextMaySpanLines() {
        JsonBody body = JsonBody.parse("{\"reason\":\"  Contract ended.\\n\\tTicket 42.  \"}");

        assertThat(body.requiredText("reason", 100)).isEqualTo("Contract ended.\n\tTicket 42.");
        assertThat(body.requiredText("reason", 10, 100, "say why")).isEqualTo("Contract ended.\n\tTicket 42.");
        assertBadRequest(() -> body.requiredString("reason", 100), "reason");
        assertThat(body.optionalText("absent", 100)).isNull();
        assertBadRequest(() -> body.requiredText("absent", 100), "absent");
    }

    static void assertBadRequest(Executable call, String field) {
        Refusal refused = catchThrowableOfType(Refusal.class, call::execute);

        assertThat(refused).as("a Refusal").isNotNull();
        assertThat(refused.kind()).isEqualTo(Refusal.Kind.INVALID);
        assertThat(refused.field()).isEqualTo(field);
        assertThat(refused.getMessage()).isNotBlank();
    }
}
