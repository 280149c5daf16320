package dev.accord.eventstore;

import java.util.List;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * Rows sent as one array per column, for a statement that unnests them in order: many rows in one
 * statement instead of one statement each.
 */
final class Columns {

    private Columns() {
    }

    /** {@code value} of every row, in the rows' order. */
    static <R, C> C[] of(List<R> rows, Function<R, C> value, IntFunction<C[]> array) {
        C[] column = array.apply(rows.size());
        for (int i = 0; i < column.length; i++) {
            column[i] = value.apply(rows.get(i));
        }
        return column;
    }
}
