package io.canopy.registry.domain;

/**
 * Input that breaks a domain rule, naming the offending field as the client sent it (snake_case
 * path, e.g. {@code credentials.dealer_token}). The message never contains the value itself: the
 * field may be a secret.
 */
public class InvalidField extends RuntimeException {

    private final String field;

    public InvalidField(String field, String message) {
        super(message, null, false, false);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
