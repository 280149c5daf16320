package dev.accord.http;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class RequestHeadLimitsTest {

    @Test
    void well_encoded_utf8_parameters_are_readable() {
        assertNull(RequestHeadLimits.unreadableParameter(null));
        assertNull(RequestHeadLimits.unreadableParameter(""));
        assertNull(RequestHeadLimits.unreadableParameter("reason=caf%C3%A9+au+lait&minVersion=3&flag"));
        assertNull(RequestHeadLimits.unreadableParameter("reason=%F0%9F%98%80"));
    }

    @Test
    void an_overlong_or_truncated_sequence_names_its_parameter() {
        assertEquals("reason", RequestHeadLimits.unreadableParameter("minVersion=1&reason=%C0%AF"));
        assertEquals("reason", RequestHeadLimits.unreadableParameter("reason=%E2%82"));
        assertEquals("unit", RequestHeadLimits.unreadableParameter("unit=%ED%A0%80"));
    }

    @Test
    void a_stray_percent_names_its_parameter_or_the_query() {
        assertEquals("asOf", RequestHeadLimits.unreadableParameter("asOf=2027%"));
        assertEquals("asOf", RequestHeadLimits.unreadableParameter("asOf=%zz"));
        assertEquals("query", RequestHeadLimits.unreadableParameter("%zz=1"));
    }
}
