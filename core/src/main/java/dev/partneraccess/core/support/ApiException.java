package dev.partneraccess.core.support;

/**
 * A refusal that the caller can act on: it carries the HTTP status, a stable error code, a human message and the
 * input field at fault. Services throw it before or while changing state; the REST layer turns it into the error body
 * of the product contract and rolls the transaction back, so a refused call changes nothing (unless the refusal
 * {@linkplain #keepingChanges() keeps its changes}).
 */
public final class ApiException extends RuntimeException {

    private final int status;
    private final String error;
    private final String field;
    private boolean keepsChanges;

    public ApiException(int status, String error, String message, String field) {
        super(message);
        this.status = status;
        this.error = error;
        this.field = field;
    }

    public static ApiException badRequest(String field, String message) {
        return new ApiException(400, "invalid_request", message, field);
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, "not_found", message, null);
    }

    public static ApiException conflict(String field, String message) {
        return new ApiException(409, "conflict", message, field);
    }

    public static ApiException forbidden(String message) {
        return new ApiException(403, "forbidden", message, null);
    }

    /**
     * Marks a refusal whose transaction must still commit: the refusal is itself a recorded decision (a request the
     * system rejected at its last approval), so the caller hears 409 and the rejection and its evidence stay.
     */
    public ApiException keepingChanges() {
        this.keepsChanges = true;
        return this;
    }

    public boolean keepsChanges() {
        return keepsChanges;
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }

    public String field() {
        return field;
    }
}
