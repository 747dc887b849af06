package io.canopy.metering.api;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.UUID;

import io.canopy.kit.api.ProblemException;

/** Query parameters parsed by hand, so a bad one is a 400 problem that names it. */
final class QueryParams {

    private QueryParams() {
    }

    static UUID uuid(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value.trim());
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(name, name + " must be a UUID, got '" + abbreviate(value) + "'");
        }
    }

    static LocalDate date(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(name, name + " must be a date YYYY-MM-DD, got '" + abbreviate(value) + "'");
        }
    }

    static void requireOrdered(LocalDate start, LocalDate end) {
        if (start != null && end != null && !start.isBefore(end)) {
            throw ProblemException.badRequest("end_date", "end_date must be after start_date (the range is [start, end))");
        }
    }

    private static String abbreviate(String value) {
        return value.length() > 40 ? value.substring(0, 40) + "..." : value;
    }
}
