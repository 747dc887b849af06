package io.canopy.kit.api;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Query and path parameters parsed in one place, so a bad one is a 400 problem+json that names it
 * (never a 404 from the framework, never a 500). Absent or blank optional values are {@code null}.
 * {@link ParameterConverters} uses the same parsing for parameters declared with a typed Java
 * parameter ({@code @PathParam("id") UUID id}).
 */
public final class QueryParameters {

    /** The canonical 8-4-4-4-12 form only: {@link UUID#fromString} also accepts "1-1-1-1-1". */
    private static final Pattern UUID_FORM = Pattern
            .compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern MONTH_FORM = Pattern.compile("\\d{4}-\\d{2}");
    /** How much of a rejected value a problem repeats back. */
    private static final int ECHO_LIMIT = 40;

    private QueryParameters() {
    }

    /** An optional UUID. */
    public static UUID uuid(String name, String value) {
        if (absent(value)) {
            return null;
        }
        String trimmed = value.trim();
        if (!UUID_FORM.matcher(trimmed).matches()) {
            throw invalid(name, "must be a UUID", value);
        }
        return UUID.fromString(trimmed);
    }

    /** A UUID the request must carry. */
    public static UUID requiredUuid(String name, String value) {
        return require(name, uuid(name, value), "a UUID");
    }

    /** An optional ISO date (YYYY-MM-DD). */
    public static LocalDate date(String name, String value) {
        if (absent(value)) {
            return null;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw invalid(name, "must be a date YYYY-MM-DD", value);
        }
    }

    /** An optional month (YYYY-MM). */
    public static YearMonth month(String name, String value) {
        if (absent(value)) {
            return null;
        }
        String trimmed = value.trim();
        if (!MONTH_FORM.matcher(trimmed).matches()) {
            throw invalid(name, "must be a month as yyyy-mm, e.g. 2026-01", value);
        }
        try {
            return YearMonth.parse(trimmed);
        } catch (DateTimeParseException e) {
            throw invalid(name, "is not a valid month", value);
        }
    }

    /** An optional whole number; too large for an {@code int} is a 400 too. */
    public static Integer integer(String name, String value) {
        if (absent(value)) {
            return null;
        }
        try {
            return Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            throw invalid(name, "must be a whole number", value);
        }
    }

    /** An optional long. */
    public static Long longValue(String name, String value) {
        if (absent(value)) {
            return null;
        }
        try {
            return Long.valueOf(value.trim());
        } catch (NumberFormatException e) {
            throw invalid(name, "must be a whole number", value);
        }
    }

    /** An optional value out of a closed set (e.g. {@code status=active|inactive}). */
    public static String oneOf(String name, String value, Collection<String> allowed) {
        if (absent(value)) {
            return null;
        }
        String trimmed = value.trim();
        if (!allowed.contains(trimmed)) {
            throw invalid(name, "must be one of " + String.join(", ", allowed), value);
        }
        return trimmed;
    }

    /** An optional enum constant, matched by name without regard to case. */
    public static <E extends Enum<E>> E enumValue(String name, String value, Class<E> type) {
        if (absent(value)) {
            return null;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(value.trim())) {
                return constant;
            }
        }
        throw invalid(name, "must be one of " + java.util.Arrays.toString(type.getEnumConstants()).toLowerCase(), value);
    }

    /** A present value, or a 400 saying the parameter is required. */
    public static <T> T require(String name, T value, String what) {
        if (value == null) {
            throw ProblemException.badRequest(name, name + " is required (" + what + ")");
        }
        return value;
    }

    /** A date range [start, end): end after start when both are given; the problem names end_date. */
    public static void requireOrdered(LocalDate start, LocalDate end) {
        if (start != null && end != null && !start.isBefore(end)) {
            throw ProblemException.badRequest("end_date", "end_date must be after start_date (the range is [start, end))");
        }
    }

    static ProblemException invalid(String name, String rule, String value) {
        return ProblemException.badRequest(name, name + " " + rule + ", got '" + echo(value) + "'");
    }

    /** A client's value as a problem may repeat it: short, printable. */
    static String echo(String value) {
        String printable = value.replaceAll("\\p{Cntrl}", "?");
        return printable.length() > ECHO_LIMIT ? printable.substring(0, ECHO_LIMIT) + "..." : printable;
    }

    private static boolean absent(String value) {
        return value == null || value.isBlank();
    }
}
