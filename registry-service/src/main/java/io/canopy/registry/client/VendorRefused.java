package io.canopy.registry.client;

/**
 * The vendor refused the server's credentials or request, as classified by collector-service.
 * The reason is the vendor's words (collector never puts a credential in it).
 */
public class VendorRefused extends RuntimeException {

    private final String kind;
    private final Integer httpStatus;

    public VendorRefused(String kind, String reason, Integer httpStatus) {
        super(reason, null, false, false);
        this.kind = kind;
        this.httpStatus = httpStatus;
    }

    /** A {@code FailureKind} name, e.g. {@code AUTH_REJECTED}, {@code UNREACHABLE}. */
    public String kind() {
        return kind;
    }

    public Integer httpStatus() {
        return httpStatus;
    }
}
