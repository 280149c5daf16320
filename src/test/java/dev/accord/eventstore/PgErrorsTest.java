package dev.accord.eventstore;

import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which failures the read side waits out, and which it parks an initiative for. */
class PgErrorsTest {

    @Test
    void contention_and_an_unavailable_server_are_transient() {
        for (String state : new String[]{"55P03", "40001", "40P01", "57014", "08006", "08001", "53300", "53200",
                "57P01", "57P03"}) {
            assertTrue(PgErrors.isTransient(pg(state)), state + " is transient");
        }
    }

    @Test
    void a_lost_or_refused_connection_is_transient_however_deeply_wrapped() {
        assertTrue(PgErrors.isTransient(new CompletionException(new ConnectException("Connection refused"))));
        assertTrue(PgErrors.isTransient(new RuntimeException("while projecting", ClosedConnectionException.INSTANCE)));
        assertTrue(PgErrors.isTransient(new RuntimeException(pg("55P03"))));
    }

    @Test
    void data_and_constraint_errors_and_plain_exceptions_are_not_transient() {
        for (String state : new String[]{"22P05", "22008", "23514", "23505", "42P01", "XX000"}) {
            assertFalse(PgErrors.isTransient(pg(state)), state + " would fail again");
        }
        assertFalse(PgErrors.isTransient(new IllegalStateException("the fold refused the event")));
        assertFalse(PgErrors.isTransient(new RuntimeException("wrapped", pg("22P05"))));
    }

    private static PgException pg(String state) {
        return new PgException("failure " + state, "ERROR", state, null);
    }
}
