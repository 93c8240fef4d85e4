package dev.partneraccess.core.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.partneraccess.core.support.Json;

class EvidenceRecordTest {

    /** 2025-11-26T09:54:56.789Z */
    private static final long TIME = 1_764_150_896_789L;
    private static final String DETAILS = "{\"actorUsername\":\"alice\",\"role\":\"deal-registration\"}";
    private static final String CANONICAL = "{\"actor\":\"u-1\",\"details\":" + DETAILS + ",\"partner\":\"p-1\",\"seq\":7,"
            + "\"subject\":\"g-1\",\"time\":\"2025-11-26T09:54:56.789Z\",\"type\":\"GRANT_ISSUED\"}";

    @Test
    @DisplayName("Given a record, then its canonical JSON has the documented keys in sorted order and the time in ISO-8601 UTC")
    void canonicalHasDocumentedShape() {
        String canonical = EvidenceRecord.canonical(7, TIME, "GRANT_ISSUED", "u-1", "g-1", "p-1", DETAILS);

        assertThat(canonical).isEqualTo(CANONICAL);
    }

    @Test
    @DisplayName("Given a time on a whole second or a few milliseconds after the epoch, then the milliseconds are always three digits")
    void timeAlwaysHasMilliseconds() {
        assertThat(EvidenceRecord.canonical(1, 1_000, "T", "system", null, null, "{}"))
                .contains("\"time\":\"1970-01-01T00:00:01.000Z\"");
        assertThat(EvidenceRecord.canonical(1, 5, "T", "system", null, null, "{}"))
                .contains("\"time\":\"1970-01-01T00:00:00.005Z\"");
    }

    @Test
    @DisplayName("Given no partner and no subject, then both are JSON null, distinct from the string \"null\"")
    void nullPartnerAndSubject() {
        String canonical = EvidenceRecord.canonical(1, 0, "POLICY_CHANGED", "system", null, null, "{}");

        assertThat(canonical).isEqualTo("{\"actor\":\"system\",\"details\":{},\"partner\":null,\"seq\":1,"
                + "\"subject\":null,\"time\":\"1970-01-01T00:00:00.000Z\",\"type\":\"POLICY_CHANGED\"}");
        assertThat(EvidenceRecord.canonical(1, 0, "POLICY_CHANGED", "system", "null", "null", "{}"))
                .isNotEqualTo(canonical);
    }

    @Test
    @DisplayName("Given text fields with quotes and control characters, then they are escaped in the canonical JSON")
    void textFieldsAreEscaped() {
        String canonical = EvidenceRecord.canonical(1, 0, "T", "a\"b", "s\n", "p\\", "{}");

        assertThat(canonical).startsWith("{\"actor\":\"a\\\"b\",").contains("\"partner\":\"p\\\\\"", "\"subject\":\"s\\n\"");
    }

    @Test
    @DisplayName("Given a previous hash and a canonical record, then the hash is hex SHA-256 over their UTF-8 concatenation")
    void hashIsSha256OverPrevHashAndCanonical() {
        String prev = "ab".repeat(32);
        String canonical = EvidenceRecord.canonical(2, TIME, "MEMBER_ADDED", "u-1", "user-é", "p-€", "{\"k\":\"\uD83D\uDE00\"}");

        assertThat(EvidenceRecord.hash(prev, canonical)).isEqualTo(sha256Hex(prev + canonical)).matches("[0-9a-f]{64}");
    }

    @Test
    @DisplayName("Given the genesis hash and a fixed record, then the hash is the pinned value any SHA-256 tool recomputes")
    void hashIsStable() {
        assertThat(EvidenceRecord.GENESIS).isEqualTo("0".repeat(64));
        assertThat(EvidenceRecord.hash(EvidenceRecord.GENESIS, CANONICAL))
                .isEqualTo("a94dfc75c453d94f44c16bbd55011d52958aeffccabbb382495ef478688dca94");
    }

    @Test
    @DisplayName("Given an untouched record, then recompute yields its stored hash")
    void recomputeMatchesUntouchedRecord() {
        EvidenceRecord record = sealed(EvidenceRecord.GENESIS);

        assertThat(record.hash()).isEqualTo("a94dfc75c453d94f44c16bbd55011d52958aeffccabbb382495ef478688dca94");
        assertThat(record.recompute(EvidenceRecord.GENESIS)).isEqualTo(record.hash());
    }

    @Test
    @DisplayName("Given a different previous hash, then recompute no longer matches")
    void recomputeDependsOnPrevHash() {
        EvidenceRecord record = sealed(EvidenceRecord.GENESIS);

        assertThat(record.recompute("1" + "0".repeat(63))).isNotEqualTo(record.hash());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tampering")
    @DisplayName("Given a record changed in any hashed field, then recompute no longer matches its stored hash")
    void recomputeDetectsAnyChange(UnaryOperator<EvidenceRecord> tamper) {
        EvidenceRecord tampered = tamper.apply(sealed(EvidenceRecord.GENESIS));

        assertThat(tampered.recompute(EvidenceRecord.GENESIS)).isNotEqualTo(tampered.hash());
    }

    static Stream<Arguments> tampering() {
        return Stream.of(
                change("seq", r -> new EvidenceRecord(8, r.time(), r.type(), r.actor(), r.subject(), r.partner(), r.details(), r.prevHash(), r.hash())),
                change("time", r -> new EvidenceRecord(r.seq(), r.time() + 1, r.type(), r.actor(), r.subject(), r.partner(), r.details(), r.prevHash(), r.hash())),
                change("type", r -> new EvidenceRecord(r.seq(), r.time(), "GRANT_REVOKED", r.actor(), r.subject(), r.partner(), r.details(), r.prevHash(), r.hash())),
                change("actor", r -> new EvidenceRecord(r.seq(), r.time(), r.type(), "u-2", r.subject(), r.partner(), r.details(), r.prevHash(), r.hash())),
                change("subject", r -> new EvidenceRecord(r.seq(), r.time(), r.type(), r.actor(), "g-2", r.partner(), r.details(), r.prevHash(), r.hash())),
                change("subject to null", r -> new EvidenceRecord(r.seq(), r.time(), r.type(), r.actor(), null, r.partner(), r.details(), r.prevHash(), r.hash())),
                change("partner", r -> new EvidenceRecord(r.seq(), r.time(), r.type(), r.actor(), r.subject(), "p-2", r.details(), r.prevHash(), r.hash())),
                change("partner to null", r -> new EvidenceRecord(r.seq(), r.time(), r.type(), r.actor(), r.subject(), null, r.details(), r.prevHash(), r.hash())),
                change("details", r -> new EvidenceRecord(r.seq(), r.time(), r.type(), r.actor(), r.subject(), r.partner(),
                        r.details().replace("alice", "mallory"), r.prevHash(), r.hash())));
    }

    @Test
    @DisplayName("Given a stored record, then its export line equals the canonical JSON of its fields as the API shows them")
    void exportLineIsTheCanonicalFormOfTheRecord() throws Exception {
        EvidenceRecord record = sealed("a".repeat(64));
        EvidenceRecord noPartner = new EvidenceRecord(8, TIME, "POLICY_CHANGED", "u-1", null, null, DETAILS, record.hash(),
                EvidenceRecord.hash(record.hash(), EvidenceRecord.canonical(8, TIME, "POLICY_CHANGED", "u-1", null, null, DETAILS)));

        assertThat(record.exportLine()).isEqualTo(CanonicalJson.write(shown(record)));
        assertThat(noPartner.exportLine()).isEqualTo(CanonicalJson.write(shown(noPartner)));
    }

    /** The record's fields as {@code GET /evidence} shows them (admin-rest's EvidenceJson). */
    private static ObjectNode shown(EvidenceRecord record) throws Exception {
        ObjectNode node = Json.object();
        node.put("seq", record.seq());
        node.put("time", Json.isoTime(record.time()));
        node.put("type", record.type());
        node.put("actor", record.actor());
        node.put("subject", record.subject());
        node.put("partner", record.partner());
        node.set("details", Json.MAPPER.readTree(record.details()));
        node.put("prevHash", record.prevHash());
        node.put("hash", record.hash());
        return node;
    }

    private static Arguments change(String what, UnaryOperator<EvidenceRecord> tamper) {
        return Arguments.of(Named.of(what, tamper));
    }

    private static EvidenceRecord sealed(String prevHash) {
        String hash = sha256Hex(prevHash + CANONICAL);
        return new EvidenceRecord(7, TIME, "GRANT_ISSUED", "u-1", "g-1", "p-1", DETAILS, prevHash, hash);
    }

    static String sha256Hex(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
