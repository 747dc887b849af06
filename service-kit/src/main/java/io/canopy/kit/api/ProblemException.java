package io.canopy.kit.api;

/**
 * Throw from a resource or service to answer with a problem+json: the message is shown to the
 * client, so it must name what is wrong and never carry a secret. No stack trace is captured:
 * this is an answer, not a failure.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String title;
    private final String field;

    public ProblemException(int status, String title, String detail) {
        this(status, title, detail, null);
    }

    public ProblemException(int status, String title, String detail, String field) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
        this.field = field;
    }

    /** 400: the request cannot be used as sent; names the field. */
    public static ProblemException badRequest(String field, String detail) {
        return new ProblemException(400, "Invalid request", detail, field);
    }

    /** 404: absent, or belongs to another dealer (never tell which). */
    public static ProblemException notFound(String what, Object id) {
        return new ProblemException(404, "Not found", what + " " + id + " does not exist");
    }

    /** 409: conflicts with the current state of the resource. */
    public static ProblemException conflict(String detail) {
        return new ProblemException(409, "Conflict", detail);
    }

    /** 422: well-formed but refused (e.g. the vendor rejected the credentials). */
    public static ProblemException unprocessable(String field, String detail) {
        return new ProblemException(422, "Unprocessable request", detail, field);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String field() {
        return field;
    }

    public Problem toProblem() {
        return new Problem("about:blank", title, status, getMessage(), field, null);
    }
}
