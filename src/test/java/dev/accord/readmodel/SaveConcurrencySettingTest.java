package dev.accord.readmodel;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SaveConcurrencySettingTest {

    @Test
    void saving_no_row_at_a_time_is_refused_at_start_naming_the_setting() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, rows(0)::checkSettings);
        assertEquals("accord.projection.batch.save-concurrency must be between 1 and 256, not 0", refused.getMessage());
    }

    @Test
    void more_rows_at_a_time_than_a_connection_pipelines_is_refused_at_start() {
        assertThrows(IllegalArgumentException.class, rows(ReadModelRows.MAX_SAVE_CONCURRENCY + 1)::checkSettings);
    }

    @Test
    void one_row_at_a_time_and_the_bound_itself_are_accepted() {
        assertDoesNotThrow(rows(1)::checkSettings);
        assertDoesNotThrow(rows(ReadModelRows.MAX_SAVE_CONCURRENCY)::checkSettings);
    }

    private static ReadModelRows rows(int saveConcurrency) {
        ReadModelRows rows = new ReadModelRows();
        rows.snapshotEvery = 1;
        rows.saveConcurrency = saveConcurrency;
        return rows;
    }
}
