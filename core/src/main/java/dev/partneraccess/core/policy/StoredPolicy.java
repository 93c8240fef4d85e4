package dev.partneraccess.core.policy;

/** A policy version as stored: the document plus who set it and when. */
public record StoredPolicy(int version, long updatedAt, String updatedBy, Policy policy) {
}
