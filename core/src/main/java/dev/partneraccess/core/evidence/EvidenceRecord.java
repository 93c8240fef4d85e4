package dev.partneraccess.core.evidence;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import dev.partneraccess.core.support.Json;

/**
 * A ledger record as stored. {@code details} is kept as the canonical JSON text it was hashed with.
 * The record's canonical JSON is the JCS form of
 * {@code {"actor","details","partner","seq","subject","time","type"}}; its hash is
 * {@code hex(SHA-256(UTF-8(prevHash + canonicalJson)))}.
 */
public record EvidenceRecord(long seq, long time, String type, String actor, String subject, String partner,
                             String details, String prevHash, String hash) {

    public static final String GENESIS = "0".repeat(64);

    /** Canonical JSON of the hashed fields, built from the stored columns without re-parsing the details. */
    public static String canonical(long seq, long time, String type, String actor, String subject, String partner,
                                   String canonicalDetails) {
        return write(seq, time, type, actor, subject, partner, canonicalDetails, null, null);
    }

    /**
     * The record as one canonical JSON line, as the export writes it: the hashed fields plus {@code hash} and
     * {@code prevHash} in key order. Built from the stored columns (the details are stored canonical), so exporting
     * never re-parses a record; a details column altered into non-JSON outside the product shows up as a broken line.
     */
    public String exportLine() {
        return write(seq, time, type, actor, subject, partner, details, prevHash, hash);
    }

    /** Keys in sorted order; {@code hash} and {@code prevHash} only when given (the export line, not the hash input). */
    private static String write(long seq, long time, String type, String actor, String subject, String partner,
                                String canonicalDetails, String prevHash, String hash) {
        StringBuilder out = new StringBuilder(canonicalDetails.length() + 400);
        out.append("{\"actor\":");
        CanonicalJson.string(actor, out);
        out.append(",\"details\":").append(canonicalDetails);
        if (hash != null) {
            out.append(",\"hash\":");
            CanonicalJson.string(hash, out);
        }
        out.append(",\"partner\":");
        nullable(partner, out);
        if (prevHash != null) {
            out.append(",\"prevHash\":");
            CanonicalJson.string(prevHash, out);
        }
        out.append(",\"seq\":").append(seq);
        out.append(",\"subject\":");
        nullable(subject, out);
        out.append(",\"time\":");
        CanonicalJson.string(Json.isoTime(time), out);
        out.append(",\"type\":");
        CanonicalJson.string(type, out);
        return out.append('}').toString();
    }

    public static String hash(String prevHash, String canonicalRecord) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(prevHash.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest(canonicalRecord.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** Recomputes this record's hash from its own fields and the given previous hash. */
    public String recompute(String expectedPrevHash) {
        return hash(expectedPrevHash, canonical(seq, time, type, actor, subject, partner, details));
    }

    private static void nullable(String value, StringBuilder out) {
        if (value == null) {
            out.append("null");
        } else {
            CanonicalJson.string(value, out);
        }
    }
}
