package io.canopy.contracts.vendors;

import java.util.regex.Pattern;

/**
 * The shape a vendor credential or customer id must have (shared/vendor-apis.md). Shape only: whether
 * a value is right is the vendor's to say. Each format also makes valid sample values, so test
 * fixtures, benchmark fleets and the simulator's generated customers follow the same shapes as real
 * input without a per-vendor list of their own.
 */
public enum ValueFormat {
    UUID("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}", "a UUID"),
    HEX_24("[0-9a-fA-F]{24}", "24 hex digits"),
    HEX_16_UPPER("[0-9A-F]{16}", "16 upper-case hex digits"),
    INTEGER("[0-9]{1,18}", "digits only (an integer)"),
    /** Printable ASCII; single spaces between words, none at either end. */
    PRINTABLE("[\\x21-\\x7E]+(?: [\\x21-\\x7E]+)*", "printable text without leading or trailing spaces");

    private final String regex;
    private final Pattern pattern;
    private final String inWords;

    ValueFormat(String regex, String inWords) {
        this.regex = regex;
        this.pattern = Pattern.compile(regex);
        this.inWords = inWords;
    }

    /** The whole value must match (Java regex syntax). */
    public String regex() {
        return regex;
    }

    /** The format as the end of "… must be …". */
    public String inWords() {
        return inWords;
    }

    public boolean matches(String value) {
        return value != null && pattern.matcher(value).matches();
    }

    /**
     * A value of this format, the same for the same {@code n} and different for different ones
     * (non-negative {@code n}), so generated fixtures never collide.
     */
    public String sample(long n) {
        if (n < 0) {
            throw new IllegalArgumentException("sample number must not be negative, got " + n);
        }
        // An odd multiplier is a bijection on 64 bits: distinct n stay distinct, and look random.
        long mixed = n * 0x9E3779B97F4A7C15L;
        return switch (this) {
            case UUID -> new java.util.UUID(mixed, n).toString();
            case HEX_24 -> String.format("%08x%016x", (int) (n >>> 32) ^ 0x5ca1ab1e, mixed);
            case HEX_16_UPPER -> String.format("%016X", mixed);
            case INTEGER -> Long.toString(100_000 + n);
            case PRINTABLE -> "sample-" + n;
        };
    }
}
