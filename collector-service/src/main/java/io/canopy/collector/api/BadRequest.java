package io.canopy.collector.api;

/** Client input that cannot be used; mapped to a 400 problem naming the field. */
public class BadRequest extends RuntimeException {

    private final String field;

    public BadRequest(String field, String message) {
        super(message, null, false, false);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
