package dev.accord.projection;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BatchSettingTest {

    @Test
    void a_projection_not_in_batch_mode_is_refused_at_start_naming_the_setting() {
        EventProjection projection = configured(false, 500);

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, projection::checkSettings);
        assertEquals("mp.messaging.incoming.alignment-events.batch must be true: the projection consumes a poll at a time",
                refused.getMessage());
    }

    @Test
    void a_poll_of_no_records_is_refused_at_start_naming_the_setting() {
        EventProjection projection = configured(true, 0);

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, projection::checkSettings);
        assertEquals("mp.messaging.incoming.alignment-events.max.poll.records must be between 1 and 5000, not 0",
                refused.getMessage());
    }

    @Test
    void a_poll_above_the_bound_is_refused_at_start() {
        assertThrows(IllegalArgumentException.class, configured(true, EventProjection.MAX_BATCH + 1)::checkSettings);
    }

    @Test
    void one_record_and_the_bound_itself_are_accepted() {
        assertDoesNotThrow(configured(true, 1)::checkSettings);
        assertDoesNotThrow(configured(true, EventProjection.MAX_BATCH)::checkSettings);
    }

    private static EventProjection configured(boolean batch, int maxPollRecords) {
        EventProjection projection = new EventProjection();
        projection.batch = batch;
        projection.maxPollRecords = maxPollRecords;
        return projection;
    }
}
