package dev.partneraccess.core.support;

/**
 * A refusal by the domain that the caller can act on: what kind of refusal it is, a human reason and the input field
 * at fault. Services throw it before or while changing state. It knows nothing of HTTP: the REST layer maps each kind
 * to its status (400, 403, 404, 409) and error body and rolls the transaction back, so a refused call changes nothing
 * (unless the refusal {@linkplain #keepingChanges() keeps its changes}).
 */
public final class Refusal extends RuntimeException {

    public enum Kind {
        /** The input is malformed or breaks a rule of the policy or the product. */
        INVALID,
        /** The caller may not do this. */
        FORBIDDEN,
        /** What the call names does not exist (or is not the caller's to see). */
        NOT_FOUND,
        /** The call is well-formed but the current state does not allow it. */
        CONFLICT
    }

    private final Kind kind;
    private final String field;
    private boolean keepsChanges;

    private Refusal(Kind kind, String reason, String field) {
        super(reason);
        this.kind = kind;
        this.field = field;
    }

    public static Refusal invalid(String field, String reason) {
        return new Refusal(Kind.INVALID, reason, field);
    }

    public static Refusal notFound(String reason) {
        return new Refusal(Kind.NOT_FOUND, reason, null);
    }

    public static Refusal conflict(String field, String reason) {
        return new Refusal(Kind.CONFLICT, reason, field);
    }

    public static Refusal forbidden(String reason) {
        return new Refusal(Kind.FORBIDDEN, reason, null);
    }

    /**
     * Marks a refusal whose transaction must still commit: the refusal is itself a recorded decision (a request the
     * system rejected at its last approval), so the caller hears the refusal and the rejection and its evidence stay.
     */
    public Refusal keepingChanges() {
        this.keepsChanges = true;
        return this;
    }

    public boolean keepsChanges() {
        return keepsChanges;
    }

    public Kind kind() {
        return kind;
    }

    /** The input field at fault, or null. */
    public String field() {
        return field;
    }
}
