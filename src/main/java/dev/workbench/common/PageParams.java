package dev.workbench.common;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * The query parameters of the list endpoints, read as text so a bad one is a 422 naming it (not
 * JAX-RS's bare 404): {@code limit} from 1 to a bound, {@code offset} and {@code after} from 0,
 * {@code since} an ISO-8601 instant.
 */
public final class PageParams {

    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    private PageParams() {
    }

    /**
     * A newest-first list's {@code limit} (1 to 100, default 20) and {@code offset}. It reads one item
     * more than it shows, which says whether there is a next page.
     */
    public record Window(int offset, int limit) {

        public static Window of(String limit, String offset) {
            return new Window((int) from("offset", offset, 1_000_000), PageParams.limit(limit, 20, 100));
        }

        /** How many to read. */
        public int fetch() {
            return limit + 1;
        }

        public <T> List<T> shown(List<T> fetched) {
            return fetched.subList(0, Math.min(limit, fetched.size()));
        }

        /** The offset of the next page; null on the last. */
        public Integer nextOffset(List<?> fetched) {
            return fetched.size() > limit ? offset + limit : null;
        }
    }

    /** {@code limit}: 1 to {@code max}, {@code fallback} when absent. */
    public static int limit(String value, int fallback, int max) {
        if (value == null) {
            return fallback;
        }
        long parsed = number("limit", value);
        if (parsed < 1 || parsed > max) {
            throw new Failure.Invalid("limit must be between 1 and " + max + " (got " + cut(value) + ")");
        }
        return (int) parsed;
    }

    /** A count to skip or a position to start after ({@code name}): 0 or more, 0 when absent. */
    public static long from(String name, String value, long max) {
        if (value == null) {
            return 0;
        }
        long parsed = number(name, value);
        if (parsed < 0 || parsed > max) {
            throw new Failure.Invalid(name + " must be between 0 and " + max + " (got " + cut(value) + ")");
        }
        return parsed;
    }

    /** {@code since}: an ISO-8601 instant such as {@code 2026-11-27T10:00:00Z}; the epoch when absent. */
    public static Instant since(String value) {
        if (value == null) {
            return Instant.EPOCH;
        }
        Instant since;
        try {
            since = Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new Failure.Invalid("since must be an ISO-8601 instant such as 2026-11-27T10:00:00Z (got " + cut(value) + ")");
        }
        if (since.isBefore(Instant.EPOCH) || since.isAfter(LATEST)) {
            throw new Failure.Invalid("since must be between 1970 and 9999 (got " + cut(value) + ")");
        }
        return since;
    }

    private static long number(String name, String value) {
        if (!value.strip().matches("-?[0-9]{1,12}")) {
            throw new Failure.Invalid(name + " must be a whole number (got " + cut(value) + ")");
        }
        return Long.parseLong(value.strip());
    }

    private static String cut(String value) {
        String shown = value.length() > 40 ? value.substring(0, 40) + "..." : value;
        return "\"" + shown.replaceAll("[\\p{Cntrl}]", "?") + "\"";
    }
}
