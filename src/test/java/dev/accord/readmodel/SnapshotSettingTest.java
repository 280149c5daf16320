package dev.accord.readmodel;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SnapshotSettingTest {

    @Test
    void a_snapshot_interval_below_one_event_is_refused_at_start_naming_the_setting() {
        ReadModelRows rows = new ReadModelRows();
        rows.snapshotEvery = 0;

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, rows::checkSettings);
        assertEquals("accord.read-model.snapshot-every must be at least 1, not 0", refused.getMessage());
    }

    @Test
    void one_event_is_the_smallest_snapshot_interval() {
        ReadModelRows rows = new ReadModelRows();
        rows.snapshotEvery = 1;

        assertDoesNotThrow(rows::checkSettings);
    }
}
