package dev.accord.readmodel;

/**
 * Asynchronous work that runs one at a time: asked for while it runs, it runs once more right
 * after, however often it was asked meanwhile. Thread-safe.
 */
final class OneAtATime {

    private final Runnable start;
    private boolean running;
    private boolean again;

    /** @param start starts the work, which calls {@link #done()} when it has ended */
    OneAtATime(Runnable start) {
        this.start = start;
    }

    /** Starts the work now, or once more after the run under way. */
    void ask() {
        synchronized (this) {
            if (running) {
                again = true;
                return;
            }
            running = true;
        }
        start.run();
    }

    /** The run has ended: it starts again when it was asked for meanwhile. */
    void done() {
        boolean startAgain;
        synchronized (this) {
            running = false;
            startAgain = again;
            again = false;
        }
        if (startAgain) {
            ask();
        }
    }
}
