package dev.accord.http;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Query parameters are read strictly, once, at the edge; each refusal names its parameter. */
class QueryParametersTest {

    @ParameterizedTest
    @ValueSource(strings = {"-999999999-01-01T00:00:00+18:00", "+999999999-12-31T23:59:59-18:00",
            "9999-12-31T23:59:59-18:00", "1899-12-31T23:59:59Z", "+10000-01-01T00:00:00Z", "yesterday"})
    void an_as_of_outside_the_years_1900_to_9999_or_unreadable_names_as_of(String asOf) {
        assertEquals("asOf", assertThrows(BadRequest.class, () -> QueryParameters.asOf(asOf)).field());
    }

    @Test
    void an_as_of_at_the_edges_of_the_range_is_read() {
        assertEquals(Optional.of(Instant.parse("1900-01-01T00:00:00Z")), QueryParameters.asOf("1900-01-01T00:00:00Z"));
        assertEquals(Optional.of(Instant.parse("9999-12-31T23:59:59Z")), QueryParameters.asOf("9999-12-31T23:59:59Z"));
        assertEquals(Optional.empty(), QueryParameters.asOf(null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-30T09:00:00.123456+0000", "2026-11-30T09:00:00.123456+00",
            "2026-11-30T09:00:00.123456+00:00", "2026-11-30T09:00:00.123456 0000", "2026-11-30T10:30:00.123456+0130",
            "2026-11-30T07:00:00.123456-0200", "2026-11-30T07:00:00.123456-02", "2026-11-30T09:00:00.123456Z"})
    void an_as_of_offset_may_be_written_without_a_colon(String asOf) {
        assertEquals(Optional.of(Instant.parse("2026-11-30T09:00:00.123456Z")), QueryParameters.asOf(asOf));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-30T09:00:00+000", "2026-11-30T09:00:00+00000", "2026-11-30T09:00:00+2500",
            "2026-11-30 09:00:00+0000", "2026-11-30T09:00:00 x0000"})
    void an_as_of_offset_that_is_no_offset_is_still_refused(String asOf) {
        assertEquals("asOf", assertThrows(BadRequest.class, () -> QueryParameters.asOf(asOf)).field());
    }

    @ParameterizedTest
    @ValueSource(strings = {" 1", "1 ", "+1", "-1", "\u0661", "1\u0000", "", "99999999999999999999", "1.0"})
    void min_version_is_plain_ascii_digits_of_zero_or_more(String minVersion) {
        assertEquals("minVersion",
                assertThrows(BadRequest.class, () -> QueryParameters.minVersion(minVersion)).field());
    }

    @Test
    void min_version_reads_whole_numbers_and_absence() {
        assertEquals(0L, QueryParameters.minVersion("0"));
        assertEquals(42L, QueryParameters.minVersion("42"));
        assertEquals(null, QueryParameters.minVersion(null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u0000", "sales\u0001", "sales\n", "\uFFFD", "\uD800", " "})
    void a_unit_that_no_unit_could_be_named_is_refused_naming_unit(String unit) {
        assertEquals("unit", assertThrows(BadRequest.class, () -> QueryParameters.unit(unit)).field());
    }

    @Test
    void a_unit_has_at_most_100_characters() {
        assertEquals(Optional.of("u".repeat(100)), QueryParameters.unit("u".repeat(100)));
        assertThrows(BadRequest.class, () -> QueryParameters.unit("u".repeat(101)));
    }

    @Test
    void paging_numbers_keep_their_range_and_default() {
        assertEquals(20, QueryParameters.wholeNumber("size", null, 20, 1, 100));
        assertEquals(100, QueryParameters.wholeNumber("size", "100", 20, 1, 100));
        assertEquals("size",
                assertThrows(BadRequest.class, () -> QueryParameters.wholeNumber("size", "101", 20, 1, 100)).field());
    }
}
