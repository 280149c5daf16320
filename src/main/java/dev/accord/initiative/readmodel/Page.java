package dev.accord.initiative.readmodel;

import java.util.List;

/** A page of a listing; {@code page} counts from 0. */
public record Page<T>(List<T> items, int page, int size, long totalItems, long totalPages) {

    public static <T> Page<T> of(List<T> items, int page, int size, long totalItems) {
        return new Page<>(List.copyOf(items), page, size, totalItems, (totalItems + size - 1) / size);
    }
}
