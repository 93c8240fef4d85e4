package dev.partneraccess.core.evidence;

/** The answer of a chain verification: {@code firstBrokenSeq} is null while the chain is intact. */
public record VerifyResult(boolean valid, long records, Long firstBrokenSeq) {
}
