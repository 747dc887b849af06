package io.canopy.collector.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The answer of a credential check: ok, or the classified failure with the vendor's reason. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CheckResult(boolean ok, String kind, String reason, Integer httpStatus) {

    public static CheckResult passed() {
        return new CheckResult(true, null, null, null);
    }
}
