package dev.partneraccess.core.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.partneraccess.core.support.Json;

class CanonicalJsonTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Test
    @DisplayName("Given keys in any order at any depth, then they come out sorted and arrays keep their order")
    void keysSortedAtEveryDepth() {
        JsonNode node = Json.read("""
                {"type": "x", "b": {"z": 1, "a": [ {"y": true, "c": null}, 3 ]}, "a": "first"}
                """);

        assertThat(CanonicalJson.write(node))
                .isEqualTo("{\"a\":\"first\",\"b\":{\"a\":[{\"c\":null,\"y\":true},3],\"z\":1},\"type\":\"x\"}");
    }

    @Test
    @DisplayName("Given keys outside the BMP, then they sort by UTF-16 code units as RFC 8785 does, not by code point")
    void keysSortByUtf16CodeUnits() {
        ObjectNode node = NODES.objectNode();
        node.put("\uFB01", 1);        // LATIN SMALL LIGATURE FI, code unit 0xFB01
        node.put("\uD83D\uDE00", 2);  // GRINNING FACE, code point 0x1F600 but first code unit 0xD83D
        node.put("é", 3);
        node.put("z", 4);

        assertThat(CanonicalJson.write(node)).isEqualTo("{\"z\":4,\"é\":3,\"\uD83D\uDE00\":2,\"\uFB01\":1}");
    }

    @Test
    @DisplayName("Given pretty-printed input, then the output holds no insignificant whitespace")
    void noWhitespace() {
        JsonNode node = Json.read("{\n  \"a\" : [ 1 , 2 ],\n  \"b\" : { \"c\" : \"d e\" }\n}");

        assertThat(CanonicalJson.write(node)).isEqualTo("{\"a\":[1,2],\"b\":{\"c\":\"d e\"}}");
    }

    @Test
    @DisplayName("Given quote, backslash and control characters, then they are escaped as RFC 8785 prescribes")
    void escapesAsJcs() {
        String value = "q\"b\\ \b\t\n\f\r \u0000\u0001\u000b\u001f";

        assertThat(CanonicalJson.write(NODES.textNode(value)))
                .isEqualTo("\"q\\\"b\\\\ \\b\\t\\n\\f\\r \\u0000\\u0001\\u000b\\u001f\"");
    }

    @Test
    @DisplayName("Given slash, DEL and non-ASCII text, then they are written as they are, unescaped")
    void leavesSlashDelAndNonAsciiAlone() {
        String value = "a/b \u007f é € \u2028 \uD83D\uDE00";

        assertThat(CanonicalJson.write(NODES.textNode(value))).isEqualTo("\"" + value + "\"");
    }

    @Test
    @DisplayName("Given object keys that need escaping, then keys are escaped like values")
    void keysAreEscaped() {
        ObjectNode node = NODES.objectNode().put("a\"\n", "v");

        assertThat(CanonicalJson.write(node)).isEqualTo("{\"a\\\"\\n\":\"v\"}");
    }

    @Test
    @DisplayName("Given integers of any size, then they are written in plain decimal")
    void integersPlain() {
        ObjectNode node = NODES.objectNode()
                .put("zero", 0)
                .put("negative", -42)
                .put("long", Long.MAX_VALUE)
                .put("big", new BigInteger("123456789012345678901234567890"))
                .put("t", true)
                .put("f", false)
                .putNull("n");

        assertThat(CanonicalJson.write(node)).isEqualTo("{\"big\":123456789012345678901234567890,\"f\":false,"
                + "\"long\":9223372036854775807,\"n\":null,\"negative\":-42,\"t\":true,\"zero\":0}");
    }

    @Test
    @DisplayName("Given a parsed integer written with an exponent-free literal, then it round-trips exactly")
    void parsedIntegerRoundTrips() {
        assertThat(CanonicalJson.write(Json.read("[100,-7,12345678901234]"))).isEqualTo("[100,-7,12345678901234]");
    }

    @Test
    @DisplayName("Given a fractional number anywhere, then canonical writing refuses it")
    void fractionalNumbersRefused() {
        assertThatThrownBy(() -> CanonicalJson.write(NODES.numberNode(1.5)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CanonicalJson.write(NODES.objectNode().put("a", new BigDecimal("2.50"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CanonicalJson.write(Json.read("{\"a\":{\"b\":[1.0]}}")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("Given a Java null or a missing node, then it is written as JSON null")
    void nullAndMissing() {
        assertThat(CanonicalJson.write(null)).isEqualTo("null");
        assertThat(CanonicalJson.write(NODES.missingNode())).isEqualTo("null");
    }
}
