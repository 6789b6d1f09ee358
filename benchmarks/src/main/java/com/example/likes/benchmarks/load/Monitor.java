package com.example.likes.benchmarks.load;

/**
 * Watches something beside the requests while a load runs: the processes' CPU and memory. The load generator calls
 * {@link #begin()} when measuring starts, {@link #tick()} about once a second, and {@link #end(long)} when it stops.
 */
public interface Monitor {

    Monitor NONE = new Monitor() {};

    default void begin() {}

    default void tick() {}

    /**
     * Measuring has ended.
     *
     * @param requests how many requests completed in the measured window
     */
    default void end(long requests) {}

    /** {@code first}, then {@code second}, at every step. */
    static Monitor both(Monitor first, Monitor second) {
        return new Monitor() {
            @Override
            public void begin() {
                first.begin();
                second.begin();
            }

            @Override
            public void tick() {
                first.tick();
                second.tick();
            }

            @Override
            public void end(long requests) {
                first.end(requests);
                second.end(requests);
            }
        };
    }
}
