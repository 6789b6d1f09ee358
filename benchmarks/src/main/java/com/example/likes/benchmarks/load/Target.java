package com.example.likes.benchmarks.load;

/** What a scenario sends requests to: opens a {@link Session} per worker (closed loop) or per pooled connection. */
@FunctionalInterface
public interface Target {

    Session open() throws Exception;

    /**
     * Whether a closed loop's workers should be platform threads: for sessions that block in socket reads, a platform
     * thread waits in the kernel, where a virtual thread would go through the JDK's poller and a carrier thread on
     * every response, which costs the generator (and so the system it shares the cores with) more CPU.
     */
    default boolean blocksInSocketReads() {
        return false;
    }

    /** {@code target}, marked as blocking in socket reads. */
    static Target blockingInSocketReads(Target target) {
        return new Target() {
            @Override
            public Session open() throws Exception {
                return target.open();
            }

            @Override
            public boolean blocksInSocketReads() {
                return true;
            }
        };
    }
}
