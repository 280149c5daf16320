package dev.accord.initiative.application;

import io.smallrye.mutiny.subscription.UniEmitter;

/** How one command of a group ended: its answer, or why it failed. */
record Outcome<R>(R item, Throwable failure) {

    static <R> Outcome<R> of(R item) {
        return new Outcome<>(item, null);
    }

    static <R> Outcome<R> failed(Throwable failure) {
        return new Outcome<>(null, failure);
    }

    void complete(UniEmitter<? super R> emitter) {
        if (failure == null) {
            emitter.complete(item);
        } else {
            emitter.fail(failure);
        }
    }
}
